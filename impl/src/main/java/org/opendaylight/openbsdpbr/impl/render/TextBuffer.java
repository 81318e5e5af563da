/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

/**
 * The one text buffer of each rendering thread. Every file is written into it and copied out once, as the file's
 * String: a render then allocates the files' text and nothing else for it, instead of a fresh, zeroed builder per
 * file that grows by copying (a large router's pf.conf is 20 kB; the buffers were a fifth of a render's allocation).
 * Files are rendered one after the other, never nested, so one buffer per thread is enough; {@link #take()} empties
 * it. A buffer that grew beyond {@link #KEEP} characters is not kept.
 */
final class TextBuffer {
    /** The largest buffer kept between renders, in characters. */
    static final int KEEP = 256 * 1024;

    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(32_768));

    private TextBuffer() {
        // utility
    }

    /** This thread's buffer, empty. The caller copies the text out ({@code toString()}) before the next take. */
    static StringBuilder take() {
        StringBuilder sb = BUFFER.get();
        if (sb.capacity() > KEEP) {
            sb = new StringBuilder(32_768);
            BUFFER.set(sb);
        }
        sb.setLength(0);
        return sb;
    }
}
