package dev.palisade.spark;

import dev.palisade.engine.audit.RecordedDecision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.batch.AdmissionVerdict;
import dev.palisade.engine.batch.DistributedReplay;
import dev.palisade.engine.batch.Judgement;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.Place;
import dev.palisade.engine.batch.Problem;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * What crosses the shuffle beside a {@link ShuffleKey}: a judged event, a problem or a split's
 * record count, written field by field. Java's default serialization of the engine's records
 * (reflection, a canonical-constructor call per record) was the largest cost of the Spark path;
 * every string is written exactly (modified UTF-8 keeps lone surrogates, which --events escapes).
 */
final class Shipped implements Externalizable {
    private static final long serialVersionUID = 1L;
    private Object value;

    /** For deserialization only. */
    public Shipped() {
    }

    Shipped(Object value) {
        this.value = value;
    }

    /** A {@link DistributedReplay.Event}, a {@link Problem} or a {@link Long} record count. */
    Object value() {
        return value;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        if (value instanceof DistributedReplay.Event e) {
            out.writeByte(ShuffleKey.EVENT);
            writePlace(out, e.place());
            writeString(out, e.auditID());
            writeString(out, e.stage());
            out.writeByte(e.recorded().ordinal());
            out.writeLong(e.requestKey());
            writeRequest(out, e.asRecorded());
        } else if (value instanceof Problem p) {
            out.writeByte(ShuffleKey.PROBLEM);
            writePlace(out, p.place());
            writeString(out, p.message());
            out.writeBoolean(p.restSkipped());
        } else {
            out.writeByte(ShuffleKey.RECORDS);
            out.writeLong((Long) value);
        }
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        byte kind = in.readByte();
        if (kind == ShuffleKey.EVENT) {
            value = new DistributedReplay.Event(readPlace(in), readString(in), readString(in),
                    RECORDED[in.readByte()], in.readLong(), readRequest(in));
        } else if (kind == ShuffleKey.PROBLEM) {
            value = new Problem(readPlace(in), readString(in), in.readBoolean());
        } else {
            value = in.readLong();
        }
    }

    private static final RecordedDecision[] RECORDED = RecordedDecision.values();
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final AdmissionVerdict.State[] STATES = AdmissionVerdict.State.values();

    private static void writeRequest(ObjectOutput out, JudgedRequest r) throws IOException {
        writePlace(out, r.place());
        writeString(out, r.auditID());
        writeString(out, r.user());
        writeString(out, r.impersonatedBy());
        writeString(out, r.verb());
        writeString(out, r.apiGroup());
        writeString(out, r.resource());
        writeString(out, r.subresource());
        writeString(out, r.namespace());
        writeString(out, r.name());
        writeString(out, r.path());
        out.writeByte(r.recorded().ordinal());
        Judgement j = r.judgement();
        out.writeBoolean(j.allowed());
        out.writeByte(j.verdict().ordinal());
        writeString(out, j.rule());
        writeString(out, j.reason());
        writeString(out, j.source());
        out.writeBoolean(r.requestObjectLogged());
        AdmissionVerdict a = r.admission();
        out.writeByte(a.state().ordinal());
        writeString(out, a.rule());
        writeString(out, a.reason());
        out.writeInt(a.warnings().size());
        for (String w : a.warnings()) {
            writeString(out, w);
        }
        out.writeLong(r.timestamp());
    }

    private static JudgedRequest readRequest(ObjectInput in) throws IOException {
        Place place = readPlace(in);
        String auditID = readString(in);
        String user = readString(in);
        String impersonatedBy = readString(in);
        String verb = readString(in);
        String apiGroup = readString(in);
        String resource = readString(in);
        String subresource = readString(in);
        String namespace = readString(in);
        String name = readString(in);
        String path = readString(in);
        RecordedDecision recorded = RECORDED[in.readByte()];
        Judgement judgement = new Judgement(in.readBoolean(), VERDICTS[in.readByte()], readString(in), readString(in),
                readString(in));
        boolean objectLogged = in.readBoolean();
        AdmissionVerdict.State state = STATES[in.readByte()];
        String rule = readString(in);
        String reason = readString(in);
        int warnings = in.readInt();
        List<String> w = new ArrayList<>(warnings);
        for (int i = 0; i < warnings; i++) {
            w.add(readString(in));
        }
        AdmissionVerdict admission = state == AdmissionVerdict.State.NONE && w.isEmpty() && rule.isEmpty()
                && reason.isEmpty() ? AdmissionVerdict.NONE : new AdmissionVerdict(state, rule, reason, w);
        return new JudgedRequest(place, auditID, user, impersonatedBy, verb, apiGroup, resource, subresource, namespace,
                name, path, recorded, judgement, objectLogged, admission, in.readLong());
    }

    private static void writePlace(ObjectOutput out, Place p) throws IOException {
        writeString(out, p.file());
        out.writeLong(p.line());
        out.writeInt(p.item());
    }

    private static Place readPlace(ObjectInput in) throws IOException {
        return new Place(readString(in), in.readLong(), in.readInt());
    }

    /** Exactly, whatever the length (writeUTF alone stops at 64 KiB of modified UTF-8). */
    static void writeString(ObjectOutput out, String s) throws IOException {
        if (s.length() <= 20_000) {
            out.writeBoolean(true);
            out.writeUTF(s);
        } else {
            out.writeBoolean(false);
            out.writeInt(s.length());
            out.writeChars(s);
        }
    }

    static String readString(ObjectInput in) throws IOException {
        if (in.readBoolean()) {
            return in.readUTF();
        }
        int n = in.readInt();
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }
}
