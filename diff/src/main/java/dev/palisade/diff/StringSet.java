package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.SeqSort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A set-valued request attribute ({@code user.groups}, {@code user.extra[k]}) for Z3, exactly.
 *
 * <p>A real set of strings matters to the policies only through the questions they ask of it:
 * "is constant c in it?" and "does some member satisfy q?" (a prefix, a glob, equality with
 * another attribute). So the set is represented by one boolean per constant ever asked about
 * ({@code has_c}) and, per other question, one optional witness string ({@code use_k, w_k}); the
 * model's set is the constants it has plus the witnesses it uses. Every question is a fresh
 * boolean defined, once all questions are known ({@link #definitions()}), over all constants and
 * all witnesses. Exact both ways: any model is a real set (its members), and any real set X is
 * matched by a model that keeps X's constants and, for each true question, one member of X that
 * satisfies it; every question then has the same answer on the model's set as on X.
 */
final class StringSet {
    private final Context ctx;
    private final String name;
    private final Map<String, BoolExpr> constants = new LinkedHashMap<>();
    private final List<Witness> witnesses = new ArrayList<>();
    private final List<Question> questions = new ArrayList<>();

    /** The optional member that answers one {@link #any} question (whose {@code test} it is). */
    private record Witness(BoolExpr used, Expr<SeqSort<CharSort>> value, Function<Expr<SeqSort<CharSort>>, BoolExpr> test) {}

    /** {@code constant}: the question is "is this constant a member?", which no other constant answers. */
    private record Question(BoolExpr answer, Function<Expr<SeqSort<CharSort>>, BoolExpr> test, boolean constant) {}

    StringSet(Context ctx, String name) {
        this.ctx = ctx;
        this.name = name;
    }

    /** c is a member. */
    BoolExpr contains(String c) {
        BoolExpr has = constants.computeIfAbsent(c, k -> ctx.mkBoolConst(name + "#has#" + constants.size()));
        BoolExpr answer = ctx.mkBoolConst(name + "#q#" + questions.size());
        questions.add(new Question(answer, e -> ctx.mkEq(e, ctx.mkString(c)), true));
        return ctx.mkOr(has, answer);
    }

    /** Some member satisfies {@code test}; the question gets its own witness. */
    BoolExpr any(Function<Expr<SeqSort<CharSort>>, BoolExpr> test) {
        int k = witnesses.size();
        witnesses.add(new Witness(ctx.mkBoolConst(name + "#use#" + k), ctx.mkConst(name + "#w#" + k, ctx.mkStringSort()), test));
        BoolExpr answer = ctx.mkBoolConst(name + "#q#" + questions.size());
        questions.add(new Question(answer, test, false));
        return answer;
    }

    /**
     * Defines every question's answer over every constant and witness. Asserted once, after the
     * policies of both configurations are encoded. A {@link #contains} question answers for the
     * witnesses only: its constant is its own {@code has} boolean.
     */
    List<BoolExpr> definitions() {
        List<BoolExpr> out = new ArrayList<>();
        for (Question q : questions) {
            List<BoolExpr> members = new ArrayList<>();
            for (Map.Entry<String, BoolExpr> c : q.constant() ? Map.<String, BoolExpr>of().entrySet() : constants.entrySet()) {
                BoolExpr t = (BoolExpr) q.test().apply(ctx.mkString(c.getKey())).simplify();
                if (!t.isFalse()) {
                    members.add(ctx.mkAnd(c.getValue(), t));
                }
            }
            for (Witness w : witnesses) {
                members.add(ctx.mkAnd(w.used(), q.test().apply(w.value())));
            }
            out.add(ctx.mkEq(q.answer(), members.isEmpty() ? ctx.mkFalse() : ctx.mkOr(members.toArray(BoolExpr[]::new))));
        }
        return out;
    }

    /** The set has a member (over every constant and witness known now: call after encoding). */
    BoolExpr nonEmpty() {
        List<BoolExpr> any = new ArrayList<>(constants.values());
        witnesses.forEach(w -> any.add(w.used()));
        return any.isEmpty() ? ctx.mkFalse() : ctx.mkOr(any.toArray(BoolExpr[]::new));
    }

    /**
     * The set is exactly {@code members}, in its canonical form: each constant present as it is
     * there, and each witness used exactly when some member answers its question (then being one
     * such member). Only for probing the encoding one request at a time: an ordinary model may
     * stand for any subset of a real set that answers every question alike.
     */
    BoolExpr exactly(List<String> members) {
        List<BoolExpr> all = new ArrayList<>();
        for (Map.Entry<String, BoolExpr> c : constants.entrySet()) {
            all.add(members.contains(c.getKey()) ? c.getValue() : ctx.mkNot(c.getValue()));
        }
        for (Witness w : witnesses) {
            List<BoolExpr> oneOf = new ArrayList<>();
            List<BoolExpr> noneAnswers = new ArrayList<>();
            for (String m : members) {
                oneOf.add(ctx.mkEq(w.value(), ctx.mkString(m)));
                noneAnswers.add(ctx.mkNot(w.test().apply(ctx.mkString(m))));
            }
            all.add(ctx.mkImplies(w.used(), ctx.mkAnd(w.test().apply(w.value()),
                    oneOf.isEmpty() ? ctx.mkFalse() : ctx.mkOr(oneOf.toArray(BoolExpr[]::new)))));
            all.add(ctx.mkImplies(ctx.mkNot(w.used()), noneAnswers.isEmpty() ? ctx.mkTrue() : ctx.mkAnd(noneAnswers.toArray(BoolExpr[]::new))));
        }
        return all.isEmpty() ? ctx.mkTrue() : ctx.mkAnd(all.toArray(BoolExpr[]::new));
    }

    /** The members of the set a model describes: its constants, then its used witnesses (no duplicates). */
    List<String> members(com.microsoft.z3.Model model) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, BoolExpr> c : constants.entrySet()) {
            if (model.eval(c.getValue(), true).isTrue()) {
                out.add(c.getKey());
            }
        }
        for (Witness w : witnesses) {
            if (model.eval(w.used(), true).isTrue()) {
                out.add(Strings.of(model.eval(w.value(), true)));
            }
        }
        return List.copyOf(out);
    }
}
