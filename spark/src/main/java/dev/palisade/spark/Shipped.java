package dev.palisade.spark;

import dev.palisade.engine.audit.RecordedDecision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.batch.AdmissionVerdict;
import dev.palisade.engine.batch.DistributedReplay;
import dev.palisade.engine.batch.Judgement;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.Place;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What crosses the shuffle beside a {@link ShuffleKey}: a judged event, a split's partial
 * summary or a settled request's {@code --events} line, encoded field by field into a byte array
 * on the map side and decoded once on the reduce side. Spark then moves, sorts, measures and
 * spills plain byte arrays: Java's default serialization of the engine's records (reflection, a
 * canonical-constructor call per record) and Spark's size estimates of their object graphs were
 * the largest costs of the Spark path. Every string is written exactly (modified UTF-8 keeps
 * lone surrogates, which --events escapes).
 */
final class Shipped {
    private Shipped() {}

    /** Encodes values for one task (reuses its buffer). */
    static final class Encoder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        private final DataOutputStream out = new DataOutputStream(bytes);

        /** A {@link DistributedReplay.Event}, a {@link SparkBatch.Partial} summary or a {@link String} line. */
        byte[] encode(Object value) {
            bytes.reset();
            try {
                write(out, value);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    static Object decode(byte[] encoded) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(encoded)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutput out, Object value) throws IOException {
        if (value instanceof DistributedReplay.Event e) {
            out.writeByte(ShuffleKey.EVENT);
            writePlace(out, e.place());
            writeString(out, e.auditID());
            writeString(out, e.stage());
            out.writeByte(e.recorded().ordinal());
            out.writeLong(e.requestKey());
            writeRequest(out, e.asRecorded()); // its place and auditID are the event's: not written twice
        } else if (value instanceof String line) {
            out.writeByte(ShuffleKey.LINE);
            writeString(out, line);
        } else {
            // one per split: Java serialization is good enough
            out.writeByte(ShuffleKey.SUMMARY);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(b)) {
                o.writeObject((SparkBatch.Partial) value);
            }
            out.writeInt(b.size());
            out.write(b.toByteArray());
        }
    }

    private static Object read(DataInput in) throws IOException {
        byte kind = in.readByte();
        if (kind == ShuffleKey.EVENT) {
            Place place = readPlace(in);
            String auditID = readString(in);
            return new DistributedReplay.Event(place, auditID, readString(in), RECORDED[in.readByte()], in.readLong(),
                    readRequest(in, place, auditID));
        } else if (kind == ShuffleKey.LINE) {
            return readString(in);
        }
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(b)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                // on a cluster the job's classes are the task's context loader's, not the JDK's
                ClassLoader task = Thread.currentThread().getContextClassLoader();
                return task == null ? super.resolveClass(desc) : Class.forName(desc.getName(), false, task);
            }
        }) {
            return o.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static final RecordedDecision[] RECORDED = RecordedDecision.values();
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final AdmissionVerdict.State[] STATES = AdmissionVerdict.State.values();

    private static void writeRequest(DataOutput out, JudgedRequest r) throws IOException {
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

    private static JudgedRequest readRequest(DataInput in, Place place, String auditID) throws IOException {
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

    private static void writePlace(DataOutput out, Place p) throws IOException {
        writeString(out, p.file());
        out.writeLong(p.line());
        out.writeInt(p.item());
    }

    private static Place readPlace(DataInput in) throws IOException {
        return new Place(readString(in), in.readLong(), in.readInt());
    }

    /** Exactly, whatever the length (writeUTF alone stops at 64 KiB of modified UTF-8). */
    static void writeString(DataOutput out, String s) throws IOException {
        if (s.length() <= 20_000) {
            out.writeBoolean(true);
            out.writeUTF(s);
        } else {
            out.writeBoolean(false);
            out.writeInt(s.length());
            out.writeChars(s);
        }
    }

    static String readString(DataInput in) throws IOException {
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
