package io.dialfleet.realasterisk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An IAX2 full frame of type IAX (RFC 5456 §8.1): the 12-byte header, then information elements (type, length,
 * data). Only what registration needs.
 */
record Iax2Frame(int sourceCall, int destinationCall, long timestamp, int outSeq, int inSeq, int subclass,
        Map<Integer, byte[]> elements) {

    static final int ACK = 4;
    static final int REGREQ = 13;
    static final int REGAUTH = 14;
    static final int REGACK = 15;
    static final int REGREJ = 16;

    static final int IE_USERNAME = 6;
    static final int IE_AUTHMETHODS = 14;
    static final int IE_CHALLENGE = 15;
    static final int IE_MD5_RESULT = 16;
    static final int IE_REFRESH = 19;
    static final int IE_CAUSE = 22;

    private static final int FULL_FRAME = 0x8000;
    private static final int FRAME_TYPE_IAX = 6;
    private static final int HEADER = 12;

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.putShort((short) (FULL_FRAME | sourceCall));
        header.putShort((short) destinationCall);
        header.putInt((int) timestamp);
        header.put((byte) outSeq);
        header.put((byte) inSeq);
        header.put((byte) FRAME_TYPE_IAX);
        header.put((byte) subclass);
        out.writeBytes(header.array());
        elements.forEach((type, data) -> {
            out.write(type);
            out.write(data.length);
            out.writeBytes(data);
        });
        return out.toByteArray();
    }

    /** @return null for anything that is not a full IAX frame */
    static Iax2Frame decode(byte[] data, int length) {
        if (length < HEADER) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
        int source = buffer.getShort() & 0xffff;
        if ((source & FULL_FRAME) == 0) {
            return null;
        }
        int destination = buffer.getShort() & 0x7fff;
        long timestamp = buffer.getInt() & 0xffffffffL;
        int outSeq = buffer.get() & 0xff;
        int inSeq = buffer.get() & 0xff;
        int type = buffer.get() & 0xff;
        int subclass = buffer.get() & 0xff;
        if (type != FRAME_TYPE_IAX) {
            return null;
        }
        Map<Integer, byte[]> elements = new HashMap<>();
        while (buffer.remaining() >= 2) {
            int ie = buffer.get() & 0xff;
            int size = buffer.get() & 0xff;
            if (size > buffer.remaining()) {
                break;
            }
            byte[] value = new byte[size];
            buffer.get(value);
            elements.put(ie, value);
        }
        return new Iax2Frame(source & 0x7fff, destination, timestamp, outSeq, inSeq, subclass, elements);
    }

    String text(int element) {
        byte[] value = elements.get(element);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] shortValue(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }
}
