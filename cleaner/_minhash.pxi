# MinHash signature of a body's word shingles: the per-token loop of `corpus.minhash.signature`,
# included in the text kernel. Its reference is that function's numpy code (`kernels.pure()`).

from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdint cimport uint32_t, uint64_t

cdef uint32_t _CRC[256]  # zlib's CRC-32 (reflected, polynomial 0xEDB88320), by byte
cdef bint _crc_ready = False


cdef void _crc_init() noexcept:
    cdef uint32_t c, n, k
    for n in range(256):
        c = n
        for k in range(8):
            c = (0xEDB88320 ^ (c >> 1)) if c & 1 else c >> 1
        _CRC[n] = c


cdef inline uint32_t _crc_byte(uint32_t crc, uint32_t byte) noexcept nogil:
    return _CRC[(crc ^ byte) & 0xFF] ^ (crc >> 8)


cdef inline uint32_t _crc_char(uint32_t crc, uint32_t c) noexcept nogil:
    """`crc` run over the UTF-8 bytes of `c` (never a surrogate: a word character is not one)."""
    if c < 0x80:
        return _crc_byte(crc, c)
    if c < 0x800:
        crc = _crc_byte(crc, 0xC0 | (c >> 6))
    elif c < 0x10000:
        crc = _crc_byte(crc, 0xE0 | (c >> 12))
        crc = _crc_byte(crc, 0x80 | ((c >> 6) & 0x3F))
    else:
        crc = _crc_byte(crc, 0xF0 | (c >> 18))
        crc = _crc_byte(crc, 0x80 | ((c >> 12) & 0x3F))
        crc = _crc_byte(crc, 0x80 | ((c >> 6) & 0x3F))
    return _crc_byte(crc, 0x80 | (c & 0x3F))


def minhash(str text, Py_ssize_t words, const uint64_t[:] m, const uint64_t[:] a, const uint64_t[:] b, uint32_t[:] out):
    """`corpus.minhash.signature` of the case-folded `text` into `out`, with the shingle multipliers `m` and hashes (`a`, `b`)."""
    global _crc_ready
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text), i, j, k, n_ids = 0, size = 256, n, count
    cdef Py_ssize_t hashes = out.shape[0]
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef uint32_t crc = 0
    cdef bint inside = False
    cdef uint64_t acc, x, h
    cdef uint64_t *ids
    cdef uint64_t *least
    cdef const uint64_t *pm
    cdef const uint64_t *pa
    cdef const uint64_t *pb
    if words < 1 or hashes < 1 or m.shape[0] < words or a.shape[0] != hashes or b.shape[0] != hashes:
        raise ValueError("minhash: inconsistent shapes")
    if not _crc_ready:
        _crc_init()
        _crc_ready = True
    ids = <uint64_t *>PyMem_Malloc(size * sizeof(uint64_t))
    least = <uint64_t *>PyMem_Malloc(hashes * sizeof(uint64_t))
    if ids == NULL or least == NULL:
        PyMem_Free(ids)
        PyMem_Free(least)
        raise MemoryError()
    try:
        # The tokens of `\w+` (re's word characters: str.isalnum() or "_"), each as zlib.crc32 of its UTF-8.
        for i in range(length + 1):
            c = PyUnicode_READ(kind, data, i) if i < length else 0
            if c == 95 or (c != 0 and Py_UNICODE_ISALNUM(c)):
                if not inside:
                    inside, crc = True, 0xFFFFFFFF
                crc = _crc_char(crc, c)
            elif inside:
                inside = False
                if n_ids == size:
                    size *= 2
                    ids_grown = <uint64_t *>PyMem_Realloc(ids, size * sizeof(uint64_t))
                    if ids_grown == NULL:
                        raise MemoryError()
                    ids = ids_grown
                ids[n_ids] = crc ^ 0xFFFFFFFF
                n_ids += 1
        for k in range(hashes):
            least[k] = 0xFFFFFFFFFFFFFFFF
        if n_ids == 0:
            for k in range(hashes):
                out[k] = 0xFFFFFFFF
            return
        n = min(words, n_ids)  # a text shorter than a shingle is one shingle of all its tokens
        count = n_ids - n + 1
        pm, pa, pb = &m[0], &a[0], &b[0]  # shapes checked above; raw pointers keep the loops free of bounds checks
        # Each shingle once per occurrence, not once: a repeated shingle cannot change a minimum.
        for j in range(count):
            acc = 0
            for i in range(n):
                acc += ids[j + i] * pm[i]
            x = acc >> 32
            for k in range(hashes):
                h = x * pa[k] + pb[k]
                if h < least[k]:
                    least[k] = h
        for k in range(hashes):
            out[k] = <uint32_t>(least[k] >> 32)
    finally:
        PyMem_Free(ids)
        PyMem_Free(least)


def ccnet_lines(str text):
    """The lines of the case-folded `text` as `corpus.dedup.line_keys` normalizes them (CCNet), joined by newlines.

    Its reference is that function's regular expressions: characters that are neither word
    characters nor whitespace removed, decimal digits made 0, each line's whitespace runs made
    one space and stripped; only "\\n" ends a line.
    """
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text), i, n = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef bint space = False, words = False  # a space is owed before the next word character; the line has one
    cdef Py_UCS4 *out = <Py_UCS4 *>PyMem_Malloc((length if length else 1) * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    try:
        for i in range(length):
            c = PyUnicode_READ(kind, data, i)
            if c == 10:
                out[n] = 10
                n += 1
                space = words = False
            elif c == 95 or Py_UNICODE_ISALNUM(c):
                if space:
                    out[n] = 32
                    n += 1
                    space = False
                out[n] = 48 if Py_UNICODE_ISDECIMAL(c) else c
                n += 1
                words = True
            elif Py_UNICODE_ISSPACE(c):
                space = words
        return PyUnicode_FromKindAndData(4, out, n)
    finally:
        PyMem_Free(out)
