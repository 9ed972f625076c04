# cython: language_level=3, boundscheck=True, wraparound=False, initializedcheck=True
"""Compiled kernels of the plain-text path; each function's reference (and fallback) is the Python function it names."""

from cpython.bytearray cimport PyByteArray_AS_STRING, PyByteArray_GET_SIZE
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.object cimport PyObject
from libc.string cimport memcmp, memset

cdef extern from "Python.h":
    ctypedef unsigned int Py_UCS4
    int PyUnicode_KIND(object)
    void *PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    object PyUnicode_Substring(object, Py_ssize_t, Py_ssize_t)
    object PyUnicode_New(Py_ssize_t, Py_UCS4)
    bint Py_UNICODE_ISSPACE(Py_UCS4)
    bint Py_UNICODE_ISLINEBREAK(Py_UCS4)
    bint Py_UNICODE_ISUPPER(Py_UCS4)
    int PyDict_Contains(object, object) except -1
    bint Py_UNICODE_ISALNUM(Py_UCS4)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4)
    Py_UCS4 Py_UNICODE_TOLOWER(Py_UCS4)
    void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PySet_Contains(object, object) except -1
    Py_ssize_t PyUnicode_FindChar(object, Py_UCS4, Py_ssize_t, Py_ssize_t, int) except -2


cdef extern from *:
    """
    static int ctext_lowest_bit(unsigned long long m) { return __builtin_ctzll(m); }
    /* A borrowed dictionary look-up that says "absent" as NULL (no exception set). */
    static PyObject *ctext_dict_get(PyObject *d, PyObject *k) { return PyDict_GetItemWithError(d, k); }
    """
    void *ctext_dict_get(object, object) except? NULL
    PyObject *ctext_dict_get_borrowed "ctext_dict_get"(object, object) except? NULL
    int ctext_lowest_bit(unsigned long long m) noexcept nogil


cdef extern from *:
    """
    /* What `tuple.__new__(t, (a, b, c, d))` makes of a subclass t of tuple: t's allocation, the four items. */
    static PyObject *ctext_row4(PyObject *t, PyObject *a, PyObject *b, PyObject *c, PyObject *d) {
        PyObject *o;
        /* Held before the allocation, which may run a collection: the items may be borrowed from lists. */
        Py_INCREF(a); Py_INCREF(b); Py_INCREF(c); Py_INCREF(d);
        o = ((PyTypeObject *)t)->tp_alloc((PyTypeObject *)t, 4);
        if (o == NULL) {
            Py_DECREF(a); Py_DECREF(b); Py_DECREF(c); Py_DECREF(d);
            return NULL;
        }
        PyTuple_SET_ITEM(o, 0, a);
        PyTuple_SET_ITEM(o, 1, b);
        PyTuple_SET_ITEM(o, 2, c);
        PyTuple_SET_ITEM(o, 3, d);
        /* Rows of str and int hold no reference cycle. The collector untracks such tuples itself, but
           not a subclass's: tracked, a page's hundreds of rows are walked by every later collection. */
        if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b) && PyUnicode_CheckExact(c) && PyLong_CheckExact(d))
            PyObject_GC_UnTrack(o);
        return o;
    }
    """
    object ctext_row4(object t, PyObject *a, PyObject *b, PyObject *c, PyObject *d)


cdef inline unsigned long long _fnv(unsigned long long h, unsigned int c) noexcept:
    """One step of FNV-1a: the hash of the leads' and the stop words' tables."""
    return (h ^ c) * 1099511628211ULL


# --- small character sets, built from the Python modules' constants (the decisions live there) ---

cdef struct CharSet:
    unsigned char ascii[128]
    Py_UCS4 other[64]
    int n_other


cdef int _set_chars(CharSet *s, str chars) except -1:
    cdef Py_UCS4 c
    for c in chars:
        if c < 128:
            s.ascii[c] = 1
        else:
            if s.n_other >= 64:
                raise ValueError("too many non-ASCII characters for a kernel character set")
            s.other[s.n_other] = c
            s.n_other += 1
    return 0


cdef inline bint _in(const CharSet *s, Py_UCS4 c) noexcept nogil:
    cdef int j
    if c < 128:
        return s.ascii[c]
    for j in range(s.n_other):
        if s.other[j] == c:
            return True
    return False


cdef CharSet _ODD, _BULLET_FIRST, _BULLETS, _DASHES, _TERMINALS, _CLOSERS
cdef bint _ready = False
cdef object _B = None  # cleaner.blocks
cdef Py_ssize_t _HEAD_CHARS = 300, _CJK_CHARS_PER_WORD = 8
cdef Py_UCS4 _CJK_RANGES[8][2]  # `blocks._CJK_RANGES`, the first _N_CJK
cdef int _N_CJK = 0


cdef int _init() except -1:
    global _ready, _B, _HEAD_CHARS, _CJK_CHARS_PER_WORD, _N_CJK
    import cleaner.blocks as B
    cdef str odd
    for odd in B._ODD_SPACES:
        if len(odd) == 1:
            _set_chars(&_ODD, odd)
        elif odd != "  ":  # the scan knows one two-character sequence: two spaces
            raise ValueError(f"kernel: unsupported odd space {odd!r}")
    cdef int c
    for c in range(256):
        ch = chr(c)
        _CLASS[c] = ((_C_BREAK if len(("a" + ch + "a").splitlines()) > 1 else 0) | (_C_SPACE if c == 32 else 0)
                     | (_C_ODD if ch in B._ODD_SPACES else 0) | (_C_WHITE if ch.isspace() else 0)
                     | (_C_UPPER if 65 <= c <= 90 else 0) | (_C_WIDE if c >= 128 else 0))
    _set_chars(&_BULLET_FIRST, "".join(B._BULLET_FIRST))
    _set_chars(&_BULLETS, B._BULLETS)
    _set_chars(&_DASHES, B._DASHES)
    if B._NUMBERED.pattern != r"\d{1,2}[.)](?=\s)" or set(B._BULLET_FIRST) - set(B._BULLETS + B._DASHES) != set("0123456789"):
        raise ValueError("kernel: `_marked` reads another list item than blocks.py's")
    _set_chars(&_TERMINALS, "".join(B._TERMINALS))
    _set_chars(&_CLOSERS, B._CLOSERS)
    _HEAD_CHARS = B.HEAD_CHARS
    _CJK_CHARS_PER_WORD = B._CJK_CHARS_PER_WORD
    if len(B._CJK_RANGES) > 8:
        raise ValueError("kernel: more ranges of scripts without spaces than `_count_words` holds")
    _N_CJK = len(B._CJK_RANGES)
    for c, (low, high) in enumerate(B._CJK_RANGES):
        _CJK_RANGES[c][0], _CJK_RANGES[c][1] = low, high
    if B._HEAD != slice(0, _HEAD_CHARS):
        raise ValueError("kernel: head is not a prefix")
    cdef Py_UCS4 u, lowered
    for u in range(33, 0x10000):  # the line scan's fast path knows no other whitespace or line boundary (none above)
        if (Py_UNICODE_ISSPACE(u) or Py_UNICODE_ISLINEBREAK(u)) and not ctext_odd_char(u):
            raise ValueError(f"kernel: whitespace U+{u:04X} unknown to the line scan")
    for u in range(0x800):
        lowered = Py_UNICODE_TOLOWER(u)
        ctext_lower_table[u] = 0xFFFF if u == 0x130 or u == 0x3A3 or lowered > 0xFFFE else lowered
    _B = B
    _ready = True
    return 0


# --- text_blocks -----------------------------------------------------------------------------------

cdef bint _terminal(str s):
    """`blocks.set_features`' sentence ending: a terminal, perhaps before closing quotes or brackets."""
    cdef int kind = PyUnicode_KIND(s)
    cdef void *data = PyUnicode_DATA(s)
    cdef Py_ssize_t j = PyUnicode_GET_LENGTH(s) - 1
    while j >= 0 and _in(&_CLOSERS, PyUnicode_READ(kind, data, j)):
        j -= 1
    return j >= 0 and _in(&_TERMINALS, PyUnicode_READ(kind, data, j))


cdef Py_ssize_t _split_count(int kind, void *data, Py_ssize_t a, Py_ssize_t b):
    """len(text[a:b].split())."""
    cdef Py_ssize_t j, words = 0
    cdef bint inside = False
    for j in range(a, b):
        if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
            inside = False
        elif not inside:
            inside = True
            words += 1
    return words


cdef Py_ssize_t _count_words(str s):
    """`blocks.count_words`: words split on whitespace, and in scripts without spaces one per two characters."""
    cdef int kind = PyUnicode_KIND(s)
    cdef void *data = PyUnicode_DATA(s)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(s), j, cjk = 0
    cdef Py_UCS4 c
    cdef bint ascii = True
    cdef int r
    for j in range(n):
        c = PyUnicode_READ(kind, data, j)
        if c >= 128:
            ascii = False
            for r in range(_N_CJK):
                if _CJK_RANGES[r][0] <= c <= _CJK_RANGES[r][1]:
                    cjk += 1
                    break
    return _split_count(kind, data, 0, n) + (0 if ascii else cjk // 2)


def count_words(text):
    """`blocks.count_words` as the kernel counts (for the tests); None: not a str."""
    if type(text) is not str:
        return None
    if not _ready:
        _init()
    return _count_words(text)


cdef tuple _slow_line(str s, bint odd):
    """A line that holds odd whitespace, a bullet or a heading: `blocks.text_blocks`' steps, in Python's own string methods."""
    B = _B
    if odd:
        s = " ".join(s.split())
    cdef str unmarked = s
    bullet = ordered = not_item = False
    heading = 0
    if s.startswith("* "):
        s = s[2:]
        bullet = True
    elif s[0] in B._BULLET_FIRST:
        line = s
        rest = None
        if len(line) < 2:
            if line in B._BULLETS:
                bullet = not_item = True
        elif line[0] in B._BULLETS:
            rest = line[1:].lstrip()
        elif line[0] in B._DASHES and line[1].isspace():
            rest = line[2:].lstrip()
        else:
            m = B._NUMBERED.match(line)
            if m:
                rest = line[m.end():].lstrip()
                ordered = True
        if rest is not None:
            bullet = True
            if rest:
                s = rest
            else:
                not_item = True
    if s.startswith("#"):
        m = B._HEADING.match(s)
        if m:
            heading = len(m[1])
            s = B._CLOSING_HASHES.sub("", s[m.end():])
    return s, unmarked, bullet, ordered, not_item, heading


ctypedef fused ch_t:
    unsigned char
    unsigned short
    unsigned int


cdef extern from *:
    """
    /* The fast path of the line scan, and the copies and lower-casings of spans, one copy of each for each string
       width W (1, 2 or 4 bytes a character). They read 16 bytes at a time in GCC's vector extensions (gcc, clang):
       the build's -O2 vectorizes no loop whose count it does not know. */

    typedef struct {
        Py_ssize_t a, b;  /* the stripped line: text[a:b] */
        Py_ssize_t spaces;
        int odd, upper, ascii;  /* odd whitespace; an upper-case ASCII letter in the head; all ASCII */
        int fast;  /* read by the fast path: `top` holds */
        Py_UCS4 top;  /* the OR of the line's characters: of the width class of its widest (Python's bounds are 2**k - 1) */
    } ctext_line;

    typedef unsigned long long ctext_u64x2 __attribute__((vector_size(16)));

    /* Whitespace or a line boundary of Python's from U+0080 on (`_init` checks it against Python's tables). */
    static inline int ctext_odd_char(Py_UCS4 c) {
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
            || c == 0x202f || c == 0x205f || c == 0x3000;
    }
    #define CTEXT_ODD_1(c) (((c) == 0x85) | ((c) == 0xa0))
    #define CTEXT_ODD_WIDE(c) (CTEXT_ODD_1(c) | ((c) == 0x1680) | ((c) - 0x2000 < 11) | ((c) == 0x2028) | ((c) == 0x2029) \\
                               | ((c) == 0x202f) | ((c) == 0x205f) | ((c) == 0x3000))

    /* Py_UNICODE_TOLOWER below U+0800 (Latin, Greek, Cyrillic, ...), 0xFFFF where `str.lower` is not it: U+0130 (two
       characters), capital sigma (by its context). Filled by `_init`. */
    static Py_UCS2 ctext_lower_table[0x800];

    /* `str.lower` of c where it is one character; (Py_UCS4)-1 where not. */
    static inline Py_UCS4 ctext_lower_char(Py_UCS4 c) {
        if (c < 128)
            return c - 65 < 26 ? c + 32 : c;
        if (c < 0x800)
            return ctext_lower_table[c] == 0xffff ? (Py_UCS4)-1 : ctext_lower_table[c];
        return Py_UNICODE_TOLOWER(c);
    }

    /* A bit for each byte of m, from its top bit. */
    #ifdef __SSE2__
    #include <emmintrin.h>
    static inline unsigned ctext_bits(ctext_u64x2 m) { return (unsigned)_mm_movemask_epi8((__m128i)m); }
    #else
    static inline unsigned ctext_bits8(unsigned long long x) {
        return (unsigned)((((x >> 7) & 0x0101010101010101ULL) * 0x0102040810204080ULL) >> 56);
    }
    static inline unsigned ctext_bits(ctext_u64x2 m) { return ctext_bits8(m[0]) | ctext_bits8(m[1]) << 8; }
    #endif

    /* The sum of m's lanes of `bits` bits, where it fits in a lane. */
    static inline Py_ssize_t ctext_lane_sum(ctext_u64x2 m, int bits) {
        unsigned long long ones = ~0ULL / ((1ULL << bits) - 1);  /* 1 in each lane: the product's top lane sums them */
        return (Py_ssize_t)(((m[0] + m[1]) * ones) >> (64 - bits));
    }

    /* The OR of m's lanes of `bits` bits. */
    static inline Py_UCS4 ctext_lane_or(ctext_u64x2 m, int bits) {
        unsigned long long t = m[0] | m[1];
        for (int shift = 32; shift >= bits; shift /= 2)
            t |= t >> shift;
        return (Py_UCS4)(t & ((1ULL << bits) - 1));
    }

    static const Py_UCS1 ctext_iota1[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static const Py_UCS2 ctext_iota2[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const Py_UCS4 ctext_iota4[4] = {0, 1, 2, 3};

    /* Characters that may be odd (a first test, cheaper). */
    #define CTEXT_MAYBE_ODD_WIDE(c) (((c) - 0x80 < 0x80) | ((c) - 0x1680 < 0x3001 - 0x1680))

    /* A lane of a chunk counts at most CTEXT_FLUSH spaces before they are summed: their sum fits in a lane. */
    #define CTEXT_WIDTH(W, CH, MAYBE_ODD, ODD)                                                                       \\
    typedef CH ctext_v##W __attribute__((vector_size(16)));                                                          \\
    typedef Py_UCS1 ctext_to1_##W __attribute__((vector_size(16 / W)));  /* a chunk narrowed */                    \\
    typedef Py_UCS2 ctext_to2_##W __attribute__((vector_size(32 / W)));                                             \\
    enum { CTEXT_LANES##W = 16 / W, CTEXT_BITS##W = 8 * W, CTEXT_FLUSH##W = W == 1 ? 15 : 8191 };                  \\
                                                                                                                     \\
    static inline ctext_v##W ctext_load##W(const CH *p) { ctext_v##W v; memcpy(&v, p, 16); return v; }             \\
                                                                                                                     \\
    static inline ctext_v##W ctext_lowered##W(ctext_v##W c) { return c + ((ctext_v##W)(c - 65 < 26) & 32); }       \\
                                                                                                                     \\
    /* Adds a chunk c to the line's sums: the OR of its characters, its spaces, two in a row (c1: the chunk a        \\
       character on), upper-case ASCII letters. */                                                                   \\
    static inline void ctext_tally##W(ctext_v##W c, ctext_v##W c1, ctext_v##W *top, ctext_v##W *spaces,            \\
                                      ctext_v##W *pairs, ctext_v##W *upper) {                                        \\
        ctext_v##W space = (ctext_v##W)(c == 32);                                                                    \\
        *top |= c;                                                                                                   \\
        *spaces -= space;                                                                                            \\
        *pairs |= space & (ctext_v##W)(c1 == 32);                                                                    \\
        *upper |= (ctext_v##W)(c - 65 < 26);                                                                         \\
    }                                                                                                                \\
                                                                                                                     \\
    /* Adds d[j:q] to o: the OR of its characters, its spaces, two spaces in a row (a pair's second read below      \\
       `lim`) and, if `head`, an upper-case ASCII letter. */                                                         \\
    static void ctext_count##W(const CH *d, Py_ssize_t j, Py_ssize_t q, Py_ssize_t lim, int head, ctext_line *o) {  \\
        const Py_ssize_t lanes = CTEXT_LANES##W, flush = CTEXT_FLUSH##W;                                             \\
        ctext_v##W top = {0}, pairs = {0}, upper = {0}, past_head = {0};                                             \\
        while (j + lanes < q) {  /* the pairs' second reads stay below q */                                          \\
            ctext_v##W spaces = {0};                                                                                 \\
            Py_ssize_t stop = q - 1 - j > flush * lanes ? j + flush * lanes : q - 1;                                 \\
            for (; j + lanes <= stop; j += lanes)  /* past the head, its upper case is tallied apart, unread */    \\
                ctext_tally##W(ctext_load##W(d + j), ctext_load##W(d + j + 1), &top, &spaces, &pairs,               \\
                               head ? &upper : &past_head);                                                          \\
            o->spaces += ctext_lane_sum((ctext_u64x2)spaces, CTEXT_BITS##W);                                         \\
        }                                                                                                            \\
        ctext_u64x2 p = (ctext_u64x2)pairs, u = (ctext_u64x2)upper;                                                  \\
        Py_UCS4 t = ctext_lane_or((ctext_u64x2)top, CTEXT_BITS##W);                                                  \\
        int odd = ctext_bits(p) != 0, up = ctext_bits(u) != 0;                                                       \\
        for (; j < q; j++) {                                                                                         \\
            Py_UCS4 c = d[j];                                                                                        \\
            t |= c;                                                                                                  \\
            if (c == 32) {                                                                                           \\
                o->spaces++;                                                                                         \\
                odd |= j + 1 < lim && d[j + 1] == 32;                                                                \\
            }                                                                                                        \\
            up |= head && c - 65 < 26;                                                                               \\
        }                                                                                                            \\
        o->top |= t;                                                                                                 \\
        o->odd |= odd;                                                                                               \\
        o->upper |= up;                                                                                              \\
    }                                                                                                                \\
                                                                                                                     \\
    /* Whether d[j:q] holds an upper-case ASCII letter. */                                                          \\
    static int ctext_upper##W(const CH *d, Py_ssize_t j, Py_ssize_t q) {                                            \\
        for (; j + CTEXT_LANES##W <= q; j += CTEXT_LANES##W)                                                         \\
            if (ctext_bits((ctext_u64x2)(ctext_load##W(d + j) - 65 < 26)))                                           \\
                return 1;                                                                                            \\
        for (; j < q; j++)                                                                                           \\
            if ((Py_UCS4)d[j] - 65 < 26)                                                                             \\
                return 1;                                                                                            \\
        return 0;                                                                                                    \\
    }                                                                                                                \\
                                                                                                                     \\
    /* Whether d[j:q], of no control character, holds whitespace or a line boundary of Python's other than " ". */  \\
    static int ctext_odd##W(const CH *d, Py_ssize_t j, Py_ssize_t q) {                                              \\
        for (; j + CTEXT_LANES##W <= q; j += CTEXT_LANES##W) {                                                       \\
            ctext_v##W c = ctext_load##W(d + j);                                                                     \\
            if (ctext_bits((ctext_u64x2)(MAYBE_ODD(c))) && ctext_bits((ctext_u64x2)(ODD(c))))                        \\
                return 1;                                                                                            \\
        }                                                                                                            \\
        for (; j < q; j++)                                                                                           \\
            if (ctext_odd_char(d[j]))                                                                                \\
                return 1;                                                                                            \\
        return 0;                                                                                                    \\
    }                                                                                                                \\
                                                                                                                     \\
    /* `_scan_line` of a line of " " and characters from U+0020 on that ends at "\\n", "\\r\\n", "\\r" or the text's   \\
       end (most lines): where the next line starts; -1 where `_scan_line` must read the line. One pass finds the   \\
       end and counts, a chunk at a time; the last chunk's lanes from the end on read as U+0000. */                  \\
    static Py_ssize_t ctext_line##W(const CH *d, Py_ssize_t i, Py_ssize_t n, Py_ssize_t head, ctext_line *o) {      \\
        const Py_ssize_t lanes = CTEXT_LANES##W;                                                                     \\
        ctext_v##W top = {0}, pairs = {0}, upper = {0}, spaces = {0};                                                \\
        Py_ssize_t a, b, j, end = -1, next, counted = 0;                                                             \\
        Py_UCS4 t = 0;                                                                                               \\
        int odd = 0, up = 0;                                                                                         \\
        while (i < n && d[i] == 32)                                                                                  \\
            i++;                                                                                                     \\
        a = j = i;                                                                                                   \\
        while (end < 0) {                                                                                            \\
            Py_ssize_t stop = n - 1 - lanes;  /* the last chunk whose pairs' seconds are in the text */              \\
            if (stop - j > (CTEXT_FLUSH##W - 1) * lanes)                                                             \\
                stop = j + (CTEXT_FLUSH##W - 1) * lanes;                                                             \\
            for (; j <= stop; j += lanes) {                                                                          \\
                ctext_v##W c = ctext_load##W(d + j);                                                                 \\
                unsigned control = ctext_bits((ctext_u64x2)(c < 32));                                                \\
                if (control) {  /* the line's end: the lanes from it on read as U+0000 */                            \\
                    end = j + __builtin_ctz(control) / W;                                                            \\
                    c &= (ctext_v##W)(ctext_load##W(ctext_iota##W) < (CH)(end - j));                                 \\
                    ctext_tally##W(c, ctext_load##W(d + j + 1), &top, &spaces, &pairs, &upper);                      \\
                    break;                                                                                           \\
                }                                                                                                    \\
                ctext_tally##W(c, ctext_load##W(d + j + 1), &top, &spaces, &pairs, &upper);                          \\
            }                                                                                                        \\
            counted += ctext_lane_sum((ctext_u64x2)spaces, CTEXT_BITS##W);                                           \\
            spaces = (ctext_v##W){0};                                                                                \\
            if (end < 0 && j + lanes >= n) {  /* the text's last characters: one at a time */                        \\
                for (; j < n && d[j] >= 32; j++) {                                                                   \\
                    Py_UCS4 c = d[j];                                                                                \\
                    t |= c;                                                                                          \\
                    if (c == 32) {                                                                                   \\
                        counted++;                                                                                   \\
                        odd |= j + 1 < n && d[j + 1] == 32;                                                          \\
                    }                                                                                                \\
                    up |= c - 65 < 26;                                                                               \\
                }                                                                                                    \\
                end = j;                                                                                             \\
            }                                                                                                        \\
        }                                                                                                            \\
        next = end + 1;                                                                                              \\
        if (end == n)                                                                                                \\
            next = n;                                                                                                \\
        else if (d[end] == 13)                                                                                       \\
            next += next < n && d[next] == 10;                                                                       \\
        else if (d[end] != 10)                                                                                       \\
            return -1;                                                                                               \\
        for (b = end; b > a && d[b - 1] == 32; b--)                                                                  \\
            ;                                                                                                        \\
        o->a = a, o->b = b;                                                                                          \\
        if (b < end) {  /* spaces at the end, counted: the line without them, again */                              \\
            Py_ssize_t hb = b - a > head ? a + head : b;                                                             \\
            o->spaces = 0, o->odd = o->upper = 0, o->top = 0;                                                        \\
            ctext_count##W(d, a, hb, b, 1, o);                                                                       \\
            if (hb < b)                                                                                              \\
                ctext_count##W(d, hb, b, b, 0, o);                                                                   \\
        } else {                                                                                                     \\
            o->spaces = counted;                                                                                     \\
            o->top = t | ctext_lane_or((ctext_u64x2)top, CTEXT_BITS##W);                                             \\
            o->odd = odd | (ctext_bits((ctext_u64x2)pairs) != 0);                                                    \\
            up |= ctext_bits((ctext_u64x2)upper) != 0;                                                               \\
            o->upper = up && b - a > head ? ctext_upper##W(d, a, a + head) : up;  /* the head's alone */            \\
        }                                                                                                            \\
        if (o->top >= 0x80 && ctext_odd##W(d, a, b))                                                                 \\
            return -1;                                                                                               \\
        o->ascii = o->top < 0x80;                                                                                    \\
        o->fast = 1;                                                                                                 \\
        return next;                                                                                                 \\
    }                                                                                                                \\
                                                                                                                     \\
    /* A chunk into the data `to` of a string of kind `kind` (its width or narrower), from its j-th character. */   \\
    static inline void ctext_put##W(void *to, int kind, Py_ssize_t j, ctext_v##W v) {                               \\
        if (kind == W) {                                                                                             \\
            memcpy((CH *)to + j, &v, 16);                                                                            \\
        } else if (kind == 1) {                                                                                      \\
            ctext_to1_##W r = __builtin_convertvector(v, ctext_to1_##W);                                             \\
            memcpy((Py_UCS1 *)to + j, &r, sizeof r);                                                                 \\
        } else {                                                                                                     \\
            ctext_to2_##W r = __builtin_convertvector(v, ctext_to2_##W);                                             \\
            memcpy((Py_UCS2 *)to + j, &r, sizeof r);                                                                 \\
        }                                                                                                            \\
    }                                                                                                                \\
                                                                                                                     \\
    /* s[:n] into `to` of kind `kind` (a constant where inlined); chunks as `ctext_copy`'s. */                       \\
    static inline void ctext_copy_to##W(const CH *s, Py_ssize_t n, int kind, void *to) {                            \\
        Py_ssize_t j, last = n - CTEXT_LANES##W;                                                                     \\
        if (last < 0) {                                                                                              \\
            for (j = 0; j < n; j++)                                                                                  \\
                PyUnicode_WRITE(kind, to, j, s[j]);                                                                  \\
            return;                                                                                                  \\
        }                                                                                                            \\
        for (j = 0; j < last; j += CTEXT_LANES##W)                                                                   \\
            ctext_put##W(to, kind, j, ctext_load##W(s + j));                                                         \\
        ctext_put##W(to, kind, last, ctext_load##W(s + last));                                                       \\
    }                                                                                                                \\
                                                                                                                     \\
    /* s[:n] into `to`, the data of a new string of kind `kind` (s's width or narrower: its characters fit); by      \\
       chunks, the last overlapping the one before (a character's copy depends on it alone). */                      \\
    static void ctext_copy##W(const void *from, Py_ssize_t n, int kind, void *to) {                                 \\
        if (kind == W)                                                                                               \\
            ctext_copy_to##W(from, n, W, to);                                                                        \\
        else if (kind == 1)                                                                                          \\
            ctext_copy_to##W(from, n, 1, to);                                                                        \\
        else                                                                                                         \\
            ctext_copy_to##W(from, n, 2, to);                                                                        \\
    }                                                                                                                \\
                                                                                                                     \\
    /* s[:n].lower() into `to` (1 byte a character), for s of ASCII; chunks as `ctext_copy`'s. */                   \\
    static void ctext_lower_ascii##W(const void *from, Py_ssize_t n, void *to) {                                    \\
        const CH *s = from;                                                                                          \\
        Py_ssize_t j, last = n - CTEXT_LANES##W;                                                                     \\
        if (last < 0) {                                                                                              \\
            for (j = 0; j < n; j++)                                                                                  \\
                ((Py_UCS1 *)to)[j] = (Py_UCS1)ctext_lower_char(s[j]);                                                \\
            return;                                                                                                  \\
        }                                                                                                            \\
        for (j = 0; j < last; j += CTEXT_LANES##W)                                                                   \\
            ctext_put##W(to, 1, j, ctext_lowered##W(ctext_load##W(s + j)));                                          \\
        ctext_put##W(to, 1, last, ctext_lowered##W(ctext_load##W(s + last)));                                       \\
    }                                                                                                                \\
                                                                                                                     \\
    /* s[j].lower() into out[j] (s's width): the character, or (Py_UCS4)-1 where `str.lower` does not map it to one \\
       of s's width. */                                                                                              \\
    static inline Py_UCS4 ctext_lower_one##W(const CH *s, Py_ssize_t j, CH *out) {                                  \\
        Py_UCS4 low = ctext_lower_char(s[j]);                                                                        \\
        if (low == (Py_UCS4)-1 || (CH)low != low)                                                                    \\
            return (Py_UCS4)-1;                                                                                      \\
        out[j] = (CH)low;                                                                                            \\
        return low;                                                                                                  \\
    }                                                                                                                \\
                                                                                                                     \\
    /* s[:n].lower() into `to` (s's width): the OR of its characters, or (Py_UCS4)-1 where `str.lower` does not map  \\
       one character to one of s's width (U+0130, capital sigma). ASCII a chunk at a time (chunks as `ctext_copy`'s), \\
       then the others of the chunk one by one. */                                                                  \\
    static Py_UCS4 ctext_lower##W(const void *from, Py_ssize_t n, void *to) {                                       \\
        const CH *s = from;                                                                                          \\
        CH *out = to;                                                                                                \\
        Py_UCS4 top = 0, t;                                                                                          \\
        Py_ssize_t j, last = n - CTEXT_LANES##W;                                                                     \\
        if (last < 0) {                                                                                              \\
            for (j = 0; j < n; j++) {                                                                                \\
                if ((t = ctext_lower_one##W(s, j, out)) == (Py_UCS4)-1)                                              \\
                    return t;                                                                                        \\
                top |= t;                                                                                            \\
            }                                                                                                        \\
            return top;                                                                                              \\
        }                                                                                                            \\
        for (j = 0;; j += CTEXT_LANES##W) {                                                                          \\
            if (j > last)                                                                                            \\
                j = last;                                                                                            \\
            ctext_v##W c = ctext_load##W(s + j), low = ctext_lowered##W(c);                                          \\
            memcpy(out + j, &low, 16);                                                                               \\
            /* the characters from U+0080 on, by their bits (W a character) */                                       \\
            for (unsigned wide = ctext_bits((ctext_u64x2)(c >= 0x80)); wide;) {                                      \\
                int bit = __builtin_ctz(wide);                                                                       \\
                wide &= ~(((1u << W) - 1) << bit);                                                                   \\
                if ((t = ctext_lower_one##W(s, j + bit / W, out)) == (Py_UCS4)-1)                                    \\
                    return t;                                                                                        \\
                top |= t;                                                                                            \\
            }                                                                                                        \\
            if (j == last)                                                                                           \\
                return top;                                                                                          \\
        }                                                                                                            \\
    }

    CTEXT_WIDTH(1, Py_UCS1, CTEXT_ODD_1, CTEXT_ODD_1)
    CTEXT_WIDTH(2, Py_UCS2, CTEXT_MAYBE_ODD_WIDE, CTEXT_ODD_WIDE)
    CTEXT_WIDTH(4, Py_UCS4, CTEXT_MAYBE_ODD_WIDE, CTEXT_ODD_WIDE)
    """
    ctypedef struct Line "ctext_line":
        Py_ssize_t a, b  # the stripped line: text[a:b]
        Py_ssize_t spaces
        bint odd, upper, ascii  # odd whitespace; an upper-case ASCII letter in the head; all ASCII
        bint fast  # read by the fast path: `top` holds
        Py_UCS4 top  # the OR of the line's characters
    bint ctext_odd_char(Py_UCS4 c) noexcept
    unsigned short ctext_lower_table[0x800]
    Py_ssize_t ctext_line1(const unsigned char *d, Py_ssize_t i, Py_ssize_t n, Py_ssize_t head, Line *o) noexcept
    Py_ssize_t ctext_line2(const unsigned short *d, Py_ssize_t i, Py_ssize_t n, Py_ssize_t head, Line *o) noexcept
    Py_ssize_t ctext_line4(const unsigned int *d, Py_ssize_t i, Py_ssize_t n, Py_ssize_t head, Line *o) noexcept
    void ctext_copy1(const void *s, Py_ssize_t n, int kind, void *out) noexcept
    void ctext_copy2(const void *s, Py_ssize_t n, int kind, void *out) noexcept
    void ctext_copy4(const void *s, Py_ssize_t n, int kind, void *out) noexcept
    void ctext_lower_ascii1(const void *s, Py_ssize_t n, void *out) noexcept
    void ctext_lower_ascii2(const void *s, Py_ssize_t n, void *out) noexcept
    void ctext_lower_ascii4(const void *s, Py_ssize_t n, void *out) noexcept
    Py_UCS4 ctext_lower1(const void *s, Py_ssize_t n, void *out) noexcept
    Py_UCS4 ctext_lower2(const void *s, Py_ssize_t n, void *out) noexcept
    Py_UCS4 ctext_lower4(const void *s, Py_ssize_t n, void *out) noexcept


# What the fused line scan (`_scan_line`) notes of a character: nothing (most), or these bits.
cdef enum:
    _C_BREAK = 1  # a line boundary of `str.splitlines`
    _C_SPACE = 2  # " "
    _C_ODD = 4  # odd whitespace (`blocks._ODD_SPACES`)
    _C_WHITE = 8  # whitespace of `str.strip`
    _C_UPPER = 16  # an upper-case ASCII letter
    _C_WIDE = 32  # not ASCII
cdef unsigned char _CLASS[256]  # by Latin-1 character


cdef inline unsigned char _class(unsigned int c) noexcept:
    """`_CLASS` of any character."""
    if c < 256:
        return _CLASS[c]
    cdef unsigned char f = _C_WIDE
    if c == 0x2028 or c == 0x2029:
        return f | _C_BREAK | _C_WHITE
    if Py_UNICODE_ISSPACE(c):
        f |= _C_WHITE
        if _in(&_ODD, c):
            f |= _C_ODD
    return f


cdef Py_ssize_t _scan_line(const ch_t *d, Py_ssize_t i, Py_ssize_t n, Line *o) noexcept:
    """Read the line at i (`str.splitlines`' boundaries), strip it, note its spaces, odd whitespace, upper case in the head and ASCII, and return where the next line starts."""
    cdef Py_ssize_t a, b, end, hb, spaces = 0, spaces_b = 0
    cdef unsigned int c = 0
    cdef unsigned char f, wide = 0, wide_b = 0
    cdef bint odd = False, odd_b = False, upper = False
    while i < n:  # leading whitespace
        c = d[i]
        f = _class(c)
        if (f & (_C_WHITE | _C_BREAK)) != _C_WHITE:
            break
        i += 1
    a = b = i
    hb = a + _HEAD_CHARS
    while i < n:
        c = d[i]
        f = _class(c)
        if not f:
            i += 1
            b = i
            continue
        if f & _C_BREAK:
            break
        if f & _C_WHITE and b == i:  # whitespace after the last word so far: what was counted up to it, should it end the line
            spaces_b, wide_b, odd_b = spaces, wide, odd
        if f & _C_SPACE:
            spaces += 1
            if i > a and d[i - 1] == 32:
                odd = True
        elif f & _C_ODD:
            odd = True
        elif f & _C_UPPER and i < hb:
            upper = True
        wide |= f & _C_WIDE
        i += 1
        if not (f & _C_WHITE):
            b = i
    end = i
    if i < n:
        i += 1
        if c == 13 and i < n and d[i] == 10:
            i += 1
    if b < end:  # trailing whitespace: not part of the line
        spaces, wide, odd = spaces_b, wide_b, odd_b
    o.a, o.b = a, b
    o.spaces, o.odd, o.upper, o.ascii, o.fast = spaces, odd, upper, not wide, False
    return i


cdef inline Py_ssize_t _next_line(int kind, const void *data, Py_ssize_t i, Py_ssize_t n, Line *o) noexcept:
    """`_scan_line` at i: by the fast path where it reads the line (no whitespace but " ", a "\\n", "\\r\\n" or "\\r" end)."""
    cdef Py_ssize_t j
    if kind == 2:  # most texts: curly quotes, dashes
        j = ctext_line2(<const unsigned short *>data, i, n, _HEAD_CHARS, o)
        return j if j >= 0 else _scan_line(<const unsigned short *>data, i, n, o)
    if kind == 1:
        j = ctext_line1(<const unsigned char *>data, i, n, _HEAD_CHARS, o)
        return j if j >= 0 else _scan_line(<const unsigned char *>data, i, n, o)
    j = ctext_line4(<const unsigned int *>data, i, n, _HEAD_CHARS, o)
    return j if j >= 0 else _scan_line(<const unsigned int *>data, i, n, o)


cdef inline object _new_str(Py_ssize_t n, Py_UCS4 top):
    """An empty string of n characters whose OR is `top`: Python's canonical width for them."""
    return PyUnicode_New(n, top if top <= 0x10FFFF else 0x10FFFF)  # an OR of code points may pass the last


cdef inline void _copy(int kind, const char *p, Py_ssize_t n, s) noexcept:
    """The n characters at p (of `kind`) into the new string s, of their width or narrower."""
    if kind == 2:
        ctext_copy2(p, n, PyUnicode_KIND(s), PyUnicode_DATA(s))
    elif kind == 1:
        ctext_copy1(p, n, PyUnicode_KIND(s), PyUnicode_DATA(s))
    else:
        ctext_copy4(p, n, PyUnicode_KIND(s), PyUnicode_DATA(s))


cdef str _line_str(str text, int kind, const char *data, const Line *o):
    """text[o.a:o.b]: made at the width the fast path read (PyUnicode_Substring reads the characters again for it)."""
    cdef Py_ssize_t n = o.b - o.a
    if not o.fast or n == PyUnicode_GET_LENGTH(text):
        return PyUnicode_Substring(text, o.a, o.b)
    s = _new_str(n, o.top)
    _copy(kind, data + o.a * kind, n, s)
    return s


cdef int _mark(const ch_t *d, Py_ssize_t a, Py_ssize_t b, Py_ssize_t *rest, bint *ordered, bint *lone) noexcept:
    """The list mark of the stripped line text[a:b] (no odd whitespace): 1 (an item, its text at `rest`), 0 (none) or -1 (Python reads it)."""
    # -1: a heading, perhaps after a mark, whose regular expressions stay in blocks.py.
    cdef unsigned int first = d[a], c1, c2
    cdef Py_ssize_t j
    ordered[0] = lone[0] = False
    if first == 35:  # "#"
        return -1
    if b - a < 2:
        if _in(&_BULLETS, first):
            rest[0] = a
            lone[0] = True
            return 1
        return 0
    c1 = d[a + 1]
    if first == 42 and c1 == 32:  # "* "
        j = a + 2
    elif _in(&_BULLETS, first):
        j = a + 1
        while j < b and Py_UNICODE_ISSPACE(d[j]):
            j += 1
    elif _in(&_DASHES, first):
        if not Py_UNICODE_ISSPACE(c1):
            return 0
        j = a + 2
        while j < b and Py_UNICODE_ISSPACE(d[j]):
            j += 1
    elif _in(&_BULLET_FIRST, first):  # a digit: `_NUMBERED`, one or two digits and "." or ")" before whitespace
        if b - a < 3:
            return 0
        c2 = d[a + 2]
        if b - a >= 4 and Py_UNICODE_ISDECIMAL(c1) and (c2 == 46 or c2 == 41) and Py_UNICODE_ISSPACE(d[a + 3]):
            j = a + 3
        elif (c1 == 46 or c1 == 41) and Py_UNICODE_ISSPACE(c2):
            j = a + 2
        else:
            return 0
        while j < b and Py_UNICODE_ISSPACE(d[j]):
            j += 1
        ordered[0] = True
    else:
        return 0
    if j >= b or d[j] == 35:
        return -1
    rest[0] = j
    return 1


cdef object _lower_span(int kind, const char *p, Py_ssize_t n, bint ascii):
    """The n characters at p (of `kind`), lower-cased, at their exact width (Python's canonical form); None where
    `str.lower` is not one character for one."""
    cdef Py_UCS4 small[512]
    cdef void *buf = small
    cdef Py_UCS4 top
    if ascii:  # written straight into the string
        out = PyUnicode_New(n, 127)
        if kind == 2:
            ctext_lower_ascii2(p, n, PyUnicode_DATA(out))
        elif kind == 1:
            ctext_lower_ascii1(p, n, PyUnicode_DATA(out))
        else:
            ctext_lower_ascii4(p, n, PyUnicode_DATA(out))
        return out
    if n * kind > <Py_ssize_t>sizeof(small):
        buf = PyMem_Malloc(n * kind)
        if buf == NULL:
            raise MemoryError()
    try:  # into a buffer of the text's width, for the width of what comes out
        if kind == 2:
            top = ctext_lower2(p, n, buf)
        elif kind == 1:
            top = ctext_lower1(p, n, buf)
        else:
            top = ctext_lower4(p, n, buf)
        if top == <Py_UCS4>-1:
            return None
        out = _new_str(n, top)
        _copy(kind, <const char *>buf, n, out)
        return out
    finally:
        if buf != <void *>small:
            PyMem_Free(buf)


cdef object _head(int kind, const char *data, str s, const Line *o):
    """s[:HEAD_CHARS].lower() for s = text[o.a:o.b]."""
    cdef Py_ssize_t n = o.b - o.a
    if n > _HEAD_CHARS:
        n = _HEAD_CHARS
    if o.ascii and not o.upper:
        return s if n == o.b - o.a else PyUnicode_Substring(s, 0, n)
    got = _lower_span(kind, data + o.a * kind, n, o.ascii)
    return PyUnicode_Substring(s, 0, _HEAD_CHARS).lower() if got is None else got


def lower(str text):
    """`str.lower` as the kernel lower-cases heads (for the tests)."""
    if not _ready:
        _init()
    got = _lower_span(PyUnicode_KIND(text), <const char *>PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text.isascii())
    return text.lower() if got is None else got


def text_blocks(text):
    """`blocks.text_blocks`: one pass over the text's lines for the lines, marks, features and heads; None: not a str."""
    if type(text) is not str:
        return None  # a subclass, or what Python's own errors must answer
    if not _ready:
        _init()
    return _text_blocks(text)


cdef object _text_blocks(str text):
    B = _B
    cdef int kind = PyUnicode_KIND(text), marked
    cdef const char *data = <const char *>PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t i = 0, a, b, j, lineno = 0, chars, words, rest = 0
    cdef bint any_marked = False, ordered = False, lone = False
    cdef Line o
    cdef list lines = [], head = [], numbers = [], bullet = [], n_chars = [], n_words = [], terminal = []
    cdef list unmarked = [], marks = []  # marks: position << 5 | heading << 2 | not_item << 1 | ordered, of the marked lines
    cdef Py_ssize_t mark
    cdef str s
    while i < n:
        i = _next_line(kind, data, i, n, &o)
        lineno += 1
        a, b = o.a, o.b
        if a == b:
            continue
        numbers.append(lineno)
        marked = 0
        if not o.odd:
            if kind == 1:
                marked = _mark(<const unsigned char *>data, a, b, &rest, &ordered, &lone)
            elif kind == 2:
                marked = _mark(<const unsigned short *>data, a, b, &rest, &ordered, &lone)
            else:
                marked = _mark(<const unsigned int *>data, a, b, &rest, &ordered, &lone)
        if o.odd or marked < 0:
            s, u, is_bullet, ordered, not_item, heading = _slow_line(PyUnicode_Substring(text, a, b), o.odd)
            unmarked.append(u)
            bullet.append(is_bullet)
            if is_bullet or heading:
                any_marked = True
                marks.append(len(lines) << 5 | <Py_ssize_t>heading << 2 | (2 if not_item else 0) | ordered)  # heading <= 6
            lines.append(s)
            chars = len(s)
            words = s.count(" ") + 1
            if chars > words * _CJK_CHARS_PER_WORD:
                words = _count_words(s)
            n_chars.append(chars)
            n_words.append(words)
            terminal.append(_terminal(s))
            head.append(s[:_HEAD_CHARS].lower())
            continue
        if marked:
            any_marked = True
            marks.append(len(lines) << 5 | lone << 1 | ordered)
            unmarked.append(_line_str(text, kind, data, &o))
            bullet.append(True)
            if not lone:  # the item's text alone: read again from its start, to the same line end
                a = rest
                _next_line(kind, data, a, n, &o)
                if o.a != a:  # "* " before U+2000 or U+3000 (whitespace, not odd): str.removeprefix keeps them
                    for j in range(a, o.a):
                        o.spaces += PyUnicode_READ(kind, <void *>data, j) == 32
                    o.a, o.ascii, o.fast = a, False, False
            s = _line_str(text, kind, data, &o)
        else:
            s = _line_str(text, kind, data, &o)
            unmarked.append(s)
            bullet.append(False)
        lines.append(s)
        chars = b - a
        words = o.spaces + 1
        if chars > words * _CJK_CHARS_PER_WORD:
            words = _split_count(kind, <void *>data, a, b) if o.ascii else _count_words(s)
        n_chars.append(chars)
        n_words.append(words)
        terminal.append(_terminal(s))
        head.append(_head(kind, data, s, &o))
    cdef Py_ssize_t count = len(lines)
    blocks = B.Blocks(lines, head, numbers, bullet, n_chars, n_words, terminal, label=[B.BODY] * count, rule=[""] * count)
    if any_marked:
        item, paragraph = B._BULLET_KIND[True], B._BULLET_KIND[False]  # depth 1: `nested_kinds` reads the indentation
        kinds = [item if is_item else paragraph for is_item in bullet]  # `bullet` holds True and False only
        for mark in marks:  # the Python's order: ordered, then not items, then headings
            a = mark >> 5
            if mark & 1:
                kinds[a] = "o" + kinds[a][1:]
            if mark & 2:
                kinds[a] = ""
            if mark >> 2 & 7:
                kinds[a] = f"h{mark >> 2 & 7}"
        blocks.kind, blocks.as_written, blocks.source = kinds, unmarked, text
    return blocks


# --- rules.match_blocks ------------------------------------------------------------------------------

from libc.string cimport memchr

# The needles and ends as code points in C arrays, so the scan compares characters without Python objects.
# The leads as an open-addressing table of code points, so a lead is looked up without making a str of it.
cdef enum:
    MAX_PARTS = 64
    MAX_PART_CHARS = 4096
    MAX_LEADS = 4096
    LEAD_SLOTS = 8192  # a power of two, at least twice MAX_LEADS: probes stay short
    MAX_LEAD_POOL = 65536
    MAX_WORD_LIMIT = 4096

cdef struct Parts:
    int n
    Py_ssize_t start[MAX_PARTS]
    Py_ssize_t length[MAX_PARTS]
    unsigned long long rules[MAX_PARTS]  # the rules each part triggers, as bits
    Py_ssize_t words[MAX_PARTS]  # needles: the word limit of their rules
    Py_UCS4 chars[MAX_PART_CHARS]
    Py_ssize_t used


cdef bint _rules_ready = False
cdef Py_ssize_t _LEAD_LEN = 40, _NEEDLE_LEN = 120, _MAX_LEAD = 0, _MAX_RULE_WORDS = 0, _MAX_NEEDLE_WORDS = 0
cdef Parts _NEEDLES, _ENDS
cdef unsigned long long _NEEDLE_BY_FIRST[256]  # needles (as bits) by their first character, Latin-1
cdef Py_UCS4 _WIDE_FIRST[MAX_PARTS]  # needles whose first character is past Latin-1: that character, and the needles
cdef unsigned long long _WIDE_NEEDLES[MAX_PARTS]
cdef int _N_WIDE = 0
# A filter on the character after a needle's first: the needles (as bits) that may start one character before a
# Latin-1 character c (their second character is c, past Latin-1, or absent), and before any other character.
cdef unsigned long long _NEEDLE_BY_SECOND[256]
cdef unsigned long long _NEEDLE_SECOND_WIDE = 0
cdef unsigned long long _ALLOWED[MAX_WORD_LIMIT + 1]  # words -> the needles whose rules allow that many
cdef unsigned long long _END_BY_LAST[256]  # ends (as bits) by their last character, Latin-1; others are read one by one
# What `\w` (1) and `\d` (2, also a word character) say of an ASCII character: the lead's regex, without a call.
cdef unsigned char _LEAD_ASCII[128]
cdef Py_UCS4 _LEAD_POOL[MAX_LEAD_POOL]
cdef Py_ssize_t _LEAD_AT[MAX_LEADS]
cdef Py_ssize_t _LEAD_LENGTH[MAX_LEADS]
cdef unsigned long long _LEAD_HASH[MAX_LEADS]
cdef unsigned long long _LEAD_RULES[MAX_LEADS]
cdef int _LEAD_SLOT[LEAD_SLOTS]
cdef Py_ssize_t _LIMIT[64]
cdef tuple _MATCHES, _RULES


cdef unsigned long long _mask(numbers) except? 0:
    cdef unsigned long long m = 0
    for number in numbers:
        if not 0 <= number < 64:
            raise ValueError("kernel: a rule number beyond a 64-bit mask")
        m |= (<unsigned long long>1) << <int>number
    return m


cdef int _add_part(Parts *p, str part, numbers, Py_ssize_t words) except -1:
    cdef Py_UCS4 c
    if not part:
        raise ValueError("kernel: empty needle or end")
    if p.n >= MAX_PARTS or p.used + len(part) > MAX_PART_CHARS:
        raise ValueError("kernel: too many needles or ends")
    p.start[p.n], p.length[p.n], p.rules[p.n], p.words[p.n] = p.used, len(part), _mask(numbers), words
    for c in part:
        p.chars[p.used] = c
        p.used += 1
    p.n += 1
    return 0


cdef int _init_rules() except -1:
    global _rules_ready, _LEAD_LEN, _NEEDLE_LEN, _MAX_LEAD, _MAX_RULE_WORDS, _MAX_NEEDLE_WORDS
    global _MATCHES, _RULES, _N_WIDE, _NEEDLE_SECOND_WIDE
    import re
    import cleaner.rules as R
    cdef int j, w
    cdef Py_ssize_t used = 0
    cdef Py_UCS4 first, second, last
    cdef unsigned long long bit
    if len(R.RULES) > 64:
        raise ValueError("kernel: more rules than a 64-bit mask holds")
    if R._LEAD_CHARS.start not in (None, 0) or R._NEEDLE_CHARS.start not in (None, 0):
        raise ValueError("kernel: lead and needle spans must be prefixes")
    if R._LEAD.pattern != r"^[^\w\n]*(\d|\w*)" or R._LEAD.flags != re.MULTILINE | re.UNICODE:
        raise ValueError("kernel: the lead is read otherwise than rules._LEAD does")
    _LEAD_LEN, _NEEDLE_LEN = R._LEAD_CHARS.stop, R._NEEDLE_CHARS.stop
    for j in range(128):
        _LEAD_ASCII[j] = 2 if re.match(r"\d", chr(j)) else 1 if re.match(r"\w", chr(j)) else 0
    for j in range(LEAD_SLOTS):
        _LEAD_SLOT[j] = -1
    for j, (lead, numbers) in enumerate(R._BY_LEAD.items()):
        if j >= MAX_LEADS:
            raise ValueError("kernel: too many leads")
        _add_lead_at(j, lead, _mask(numbers), &used)
    _MAX_LEAD = max(map(len, R._BY_LEAD))
    _NEEDLES.n = _NEEDLES.used = _ENDS.n = _ENDS.used = 0
    for limit, needles in R._NEEDLE_GROUPS:
        for needle, numbers in needles:
            _add_part(&_NEEDLES, needle, numbers, limit)
            _MAX_NEEDLE_WORDS = max(_MAX_NEEDLE_WORDS, limit)
    if _MAX_NEEDLE_WORDS > MAX_WORD_LIMIT:
        raise ValueError("kernel: a needle's word limit past the kernel's table")
    for j in range(256):
        _NEEDLE_BY_FIRST[j] = _NEEDLE_BY_SECOND[j] = _END_BY_LAST[j] = 0
    for w in range(MAX_WORD_LIMIT + 1):
        _ALLOWED[w] = 0
    _N_WIDE = 0
    _NEEDLE_SECOND_WIDE = 0
    for j in range(_NEEDLES.n):
        bit = (<unsigned long long>1) << j
        for w in range(min(_NEEDLES.words[j], MAX_WORD_LIMIT) + 1):
            _ALLOWED[w] |= bit
        first = _NEEDLES.chars[_NEEDLES.start[j]]
        if first < 256:
            _NEEDLE_BY_FIRST[first] |= bit
        else:
            for w in range(_N_WIDE + 1):
                if w == _N_WIDE:
                    _WIDE_FIRST[w], _WIDE_NEEDLES[w] = first, 0
                    _N_WIDE += 1
                if _WIDE_FIRST[w] == first:
                    _WIDE_NEEDLES[w] |= bit
                    break
        if _NEEDLES.length[j] < 2 or _NEEDLES.chars[_NEEDLES.start[j] + 1] >= 256:
            _NEEDLE_SECOND_WIDE |= bit
            for w in range(256):
                _NEEDLE_BY_SECOND[w] |= bit
        else:
            second = _NEEDLES.chars[_NEEDLES.start[j] + 1]
            _NEEDLE_BY_SECOND[second] |= bit
    for end, numbers in R._BY_END:
        _add_part(&_ENDS, end, numbers, 0)
    for j in range(_ENDS.n):
        last = _ENDS.chars[_ENDS.start[j] + _ENDS.length[j] - 1]
        if last < 256:
            _END_BY_LAST[last] |= (<unsigned long long>1) << j
    for j in range(64):
        _LIMIT[j] = R._LIMITS[j] if j < len(R._LIMITS) else -1
    _MATCHES, _RULES = R._MATCH, R.RULES
    _MAX_RULE_WORDS = R.MAX_RULE_WORDS
    _rules_ready = True
    return 0


cdef int _add_lead_at(Py_ssize_t e, str lead, unsigned long long rules, Py_ssize_t *used) except -1:
    cdef Py_ssize_t slot
    cdef unsigned long long h = 14695981039346656037ULL
    cdef Py_UCS4 c
    if used[0] + len(lead) > MAX_LEAD_POOL:
        raise ValueError("kernel: too many leads")
    _LEAD_AT[e], _LEAD_LENGTH[e], _LEAD_RULES[e] = used[0], len(lead), rules
    for c in lead:
        _LEAD_POOL[used[0]] = c
        used[0] += 1
        h = _fnv(h, c)
    _LEAD_HASH[e] = h
    slot = h & (LEAD_SLOTS - 1)
    while _LEAD_SLOT[slot] != -1:
        slot = (slot + 1) & (LEAD_SLOTS - 1)
    _LEAD_SLOT[slot] = e
    return 0


cdef inline bint _part_at(const Parts *p, int k, int kind, void *data, Py_ssize_t at) noexcept:
    """Whether part k of `p` is at position `at` of a text (the caller checked that it fits)."""
    cdef Py_ssize_t j, s = p.start[k]
    for j in range(p.length[k]):
        if PyUnicode_READ(kind, data, at + j) != p.chars[s + j]:
            return False
    return True


cdef inline bint _breaks(const ch_t *d, Py_ssize_t limit) noexcept:
    """Whether d[:limit] holds a line feed (it would shift the Python's leads)."""
    cdef Py_ssize_t j
    if sizeof(ch_t) == 1:
        return limit > 0 and memchr(d, 10, limit) != NULL
    for j in range(limit):
        if d[j] == 10:
            return True
    return False


cdef inline bint _word_char(Py_UCS4 c) noexcept:
    """A word character, as `\\w` in `rules._LEAD` reads one."""
    if c < 128:
        return _LEAD_ASCII[c] != 0
    return Py_UNICODE_ISALNUM(c)


cdef inline bint _digit(Py_UCS4 c) noexcept:
    """A digit, as `\\d` in `rules._LEAD` reads one."""
    if c < 128:
        return _LEAD_ASCII[c] == 2
    return Py_UNICODE_ISDECIMAL(c)


cdef unsigned long long _lead_rules(const ch_t *d, Py_ssize_t limit) noexcept:
    """The rules of the lead of d[:limit] (its first run of word characters after any others, or a first digit)."""
    cdef Py_ssize_t j = 0, a, slot, q
    cdef Py_UCS4 c
    cdef int e
    cdef unsigned long long h = 14695981039346656037ULL
    while j < limit:
        c = d[j]
        if _word_char(c):
            break
        j += 1
    a = j
    if j < limit and _digit(d[j]):
        h = _fnv(h, d[j])
        j += 1
    else:
        while j < limit:
            c = d[j]
            if not _word_char(c):
                break
            if j - a == _MAX_LEAD:
                return 0  # longer than any lead
            h = _fnv(h, c)
            j += 1
    slot = h & (LEAD_SLOTS - 1)
    while True:
        e = _LEAD_SLOT[slot]
        if e < 0:
            return 0
        if _LEAD_HASH[e] == h and _LEAD_LENGTH[e] == j - a:
            for q in range(j - a):
                if _LEAD_POOL[_LEAD_AT[e] + q] != d[a + q]:
                    break
            else:
                return _LEAD_RULES[e]
        slot = (slot + 1) & (LEAD_SLOTS - 1)


cdef unsigned long long _needle_rules(const ch_t *d, Py_ssize_t limit, unsigned long long allowed) noexcept:
    """The rules of the needles among `allowed` (as bits) found in d[:limit], as a mask."""
    cdef Py_ssize_t j, q, s, length
    cdef unsigned long long candidates, mask = 0
    cdef unsigned int c
    cdef int k
    for j in range(limit):
        c = d[j]
        if c < 256:
            candidates = _NEEDLE_BY_FIRST[c] & allowed
        else:
            candidates = 0
            for k in range(_N_WIDE):
                if _WIDE_FIRST[k] == c:
                    candidates = _WIDE_NEEDLES[k] & allowed
        if not candidates:
            continue
        if j + 1 < limit:
            c = d[j + 1]
            candidates &= _NEEDLE_BY_SECOND[c] if c < 256 else _NEEDLE_SECOND_WIDE
        while candidates:
            k = ctext_lowest_bit(candidates)
            candidates &= candidates - 1
            length = _NEEDLES.length[k]
            if j + length > limit:
                continue
            s = _NEEDLES.start[k]
            for q in range(1, length):
                if d[j + q] != _NEEDLES.chars[s + q]:
                    break
            else:
                mask |= _NEEDLES.rules[k]
                allowed &= ~((<unsigned long long>1) << k)
                if not allowed:
                    return mask
    return mask


def match_blocks(texts, heads, n_words):
    """`rules.match_blocks`: the triggers (lead, ends, needles) in one pass, then the triggered rules' patterns; None: left to the Python."""
    # Left to the Python: inputs other than lists of str and int, and a line break in a lead (it shifts the Python's leads).
    if not (type(texts) is list and type(heads) is list and type(n_words) is list):
        return None
    if not _rules_ready:
        _init_rules()
    return _match_blocks(texts, heads, n_words)


cdef object _match_blocks(list texts, list heads, list n_words):
    # The checks that leave a page to the Python come with the scan: a rule's pattern is a pure function, so the
    # patterns already run on the lines before such a line changed nothing.
    cdef Py_ssize_t count = len(texts), i, k, n, m, lead, needle, words, at
    cdef unsigned long long mask, candidates
    cdef int kind, number
    cdef void *data
    cdef Py_UCS4 c
    cdef str head, text
    if len(heads) != count or len(n_words) != count:
        return None  # the Python says what such a call does
    found = {}
    for i in range(count):
        if type(texts[i]) is not str or type(heads[i]) is not str or type(n_words[i]) is not int:
            return None
        head = heads[i]
        n = PyUnicode_GET_LENGTH(head)
        kind, data = PyUnicode_KIND(head), PyUnicode_DATA(head)
        lead = n if n < _LEAD_LEN else _LEAD_LEN
        needle = n if n < _NEEDLE_LEN else _NEEDLE_LEN
        if (_breaks(<const unsigned char *>data, lead) if kind == 1 else _breaks(<const unsigned short *>data, lead)
                if kind == 2 else _breaks(<const unsigned int *>data, lead)):
            return None  # a line break in a lead shifts the Python's leads: it alone says what that gives
        try:
            words = n_words[i]
        except OverflowError:
            return None  # a word count past a C integer: the Python compares it as it is
        if words > _MAX_RULE_WORDS:
            continue
        # Needles, within the head's first characters, for blocks within their rules' word limit.
        candidates = _ALLOWED[words if words > 0 else 0] if words <= _MAX_NEEDLE_WORDS else 0
        if kind == 1:
            mask = _lead_rules(<const unsigned char *>data, lead)
            if candidates:
                mask |= _needle_rules(<const unsigned char *>data, needle, candidates)
        elif kind == 2:
            mask = _lead_rules(<const unsigned short *>data, lead)
            if candidates:
                mask |= _needle_rules(<const unsigned short *>data, needle, candidates)
        else:
            mask = _lead_rules(<const unsigned int *>data, lead)
            if candidates:
                mask |= _needle_rules(<const unsigned int *>data, needle, candidates)
        # Ends: the line's last character picks the ends to compare.
        text = texts[i]
        m = PyUnicode_GET_LENGTH(text)
        if m:
            kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)
            c = PyUnicode_READ(kind, data, m - 1)
            if c < 256:
                candidates = _END_BY_LAST[c]
            else:
                candidates = 0
                for k in range(_ENDS.n):
                    if _ENDS.chars[_ENDS.start[k] + _ENDS.length[k] - 1] == c:
                        candidates |= (<unsigned long long>1) << k
            while candidates:
                k = ctext_lowest_bit(candidates)
                candidates &= candidates - 1
                at = m - _ENDS.length[k]
                if at >= 0 and _part_at(&_ENDS, <int>k, kind, data, at):
                    mask |= _ENDS.rules[k]
        while mask:
            number = ctext_lowest_bit(mask)
            mask &= mask - 1
            if words <= _LIMIT[number] and _MATCHES[number](text):
                found[i] = _RULES[number]
                break
    return found


# --- classify.grade: the blocks not graded by their length -----------------------------------------



cdef extern from "Python.h":
    long PyLong_AsLongAndOverflow(object, int *) except? -1
    double PyFloat_AsDouble(object) except? -1.0


cdef inline double _number(x) except? -1.0:
    """float(x) of an int or a float: an int of one C long straight, without the float object Python's own conversion makes."""
    cdef int overflow = 0
    cdef long v
    if type(x) is int:
        v = PyLong_AsLongAndOverflow(x, &overflow)
        if not overflow:
            return <double>v  # rounded to nearest, ties to even, as int.__float__
    return PyFloat_AsDouble(x)


cdef class _Stops:
    """A frozen set of stop words as an open-addressing table of code points: words are looked up without a str each."""

    cdef Py_UCS4 *chars
    cdef Py_ssize_t *start
    cdef Py_ssize_t *length
    cdef unsigned long long *hashes
    cdef Py_ssize_t *slots
    cdef Py_ssize_t mask, max_len
    cdef object words  # the set it was built from, kept alive so that its id stays its own

    def __cinit__(self, frozenset words):
        cdef Py_ssize_t n = len(words), total = 0, size = 8, i = 0, j, slot
        cdef unsigned long long h
        cdef Py_UCS4 c
        cdef str word
        self.words = words
        for word in words:
            total += len(word)
        while size < 2 * n + 2:
            size *= 2
        self.chars = <Py_UCS4 *>PyMem_Malloc((total + 1) * sizeof(Py_UCS4))
        self.start = <Py_ssize_t *>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
        self.length = <Py_ssize_t *>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
        self.hashes = <unsigned long long *>PyMem_Malloc((n + 1) * sizeof(unsigned long long))
        self.slots = <Py_ssize_t *>PyMem_Malloc(size * sizeof(Py_ssize_t))
        if not (self.chars and self.start and self.length and self.hashes and self.slots):
            raise MemoryError()
        self.mask, self.max_len = size - 1, 0
        for j in range(size):
            self.slots[j] = -1
        total = 0
        for word in words:
            h = 14695981039346656037ULL
            self.start[i], self.length[i] = total, len(word)
            for c in word:
                self.chars[total] = c
                total += 1
                h = _fnv(h, c)
            self.hashes[i] = h
            self.max_len = max(self.max_len, len(word))
            slot = h & self.mask
            while self.slots[slot] != -1:
                slot = (slot + 1) & self.mask
            self.slots[slot] = i
            i += 1

    def __dealloc__(self):
        PyMem_Free(self.chars)
        PyMem_Free(self.start)
        PyMem_Free(self.length)
        PyMem_Free(self.hashes)
        PyMem_Free(self.slots)


cdef inline bint _space(unsigned int c) noexcept:
    """`str.split`'s whitespace, Latin-1 from `_CLASS`."""
    return _CLASS[c] & _C_WHITE if c < 256 else Py_UNICODE_ISSPACE(c)


cdef Py_ssize_t _count_stops(const ch_t *d, Py_ssize_t n, _Stops t, Py_ssize_t *hits) noexcept:
    """Words of d[:n] split on whitespace (as `str.split`), and in `hits` how many are stop words of `t`."""
    cdef Py_ssize_t j = 0, a, k, w, words = 0, found = 0, slot, length
    cdef Py_ssize_t max_len = t.max_len, mask = t.mask
    cdef const Py_ssize_t *slots = t.slots
    cdef const Py_ssize_t *start = t.start
    cdef const Py_ssize_t *lengths = t.length
    cdef const unsigned long long *hashes = t.hashes
    cdef const Py_UCS4 *chars = t.chars
    cdef unsigned long long h
    cdef unsigned int c
    while True:
        while j < n and _space(d[j]):
            j += 1
        if j >= n:
            break
        a = j
        h = 14695981039346656037ULL
        while j < n:  # the word's end and its hash in one read
            c = d[j]
            if _space(c):
                break
            h = _fnv(h, c)
            j += 1
        words += 1
        length = j - a
        if length > max_len:  # longer than any stop word
            continue
        slot = h & mask
        while slots[slot] != -1:
            w = slots[slot]
            if hashes[w] == h and lengths[w] == length:
                for k in range(length):
                    if chars[start[w] + k] != d[a + k]:
                        break
                else:
                    found += 1
                    break
            slot = (slot + 1) & mask
    hits[0] = found
    return words


cdef dict _STOP_TABLES = {}  # id of a frozen set of str -> (the set, its table)


cdef _Stops _table(stopwords):
    """The table of `stopwords`, a frozen set of str (the `language.stopwords` lists are cached: built once), or None."""
    if type(stopwords) is not frozenset:
        return None
    got = _STOP_TABLES.get(id(stopwords))
    if got is not None and got[0] is stopwords:
        return got[1]
    for word in stopwords:
        if type(word) is not str:
            return None
    if len(_STOP_TABLES) >= 256:
        _STOP_TABLES.clear()
    table = _Stops(stopwords)
    _STOP_TABLES[id(stopwords)] = (stopwords, table)
    return table


cdef Py_ssize_t _words_in(str head, stopwords, _Stops table, bint is_set, Py_ssize_t *hits) except -1:
    """Words of `head` split on whitespace (as `str.split`), and in `hits` how many are in `stopwords`."""
    cdef int kind = PyUnicode_KIND(head)
    cdef void *data = PyUnicode_DATA(head)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(head), j = 0, a, words = 0, found = 0
    if table is not None:
        if kind == 1:
            return _count_stops(<const unsigned char *>data, n, table, hits)
        if kind == 2:
            return _count_stops(<const unsigned short *>data, n, table, hits)
        return _count_stops(<const unsigned int *>data, n, table, hits)
    while True:
        while j < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
            j += 1
        if j >= n:
            break
        a = j
        while j < n and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
            j += 1
        words += 1
        word = PyUnicode_Substring(head, a, j)
        if (PySet_Contains(stopwords, word) if is_set else word in stopwords):
            found += 1
    hits[0] = found
    return words


def grade_long(grades, n_chars, n_words, terminal, head, stopwords, near_words, good, low, high):
    """`classify.grade` from its `long` blocks on: near-good, or good / bad by their stop-word density; None: left to the Python."""
    if not (type(grades) is bytearray and type(n_chars) is list and type(n_words) is list and type(terminal) is list
            and type(head) is list and all(type(x) in (int, float) for x in (near_words, good, low, high))):
        return None
    cdef Py_ssize_t count = len(grades)
    if len(n_chars) < count or len(n_words) < count or len(terminal) < count or len(head) < count:
        return None
    if not _ready:
        _init()  # `_space`'s table, `_CLASS`
    return _grade_long(grades, n_chars, n_words, terminal, head, stopwords, near_words, good, low, high)


def short_or_long(n_chars, limit):
    """`classify.grade`'s first grades: SHORT ("S") below `limit` characters, else not graded yet ("?"); None: left to the Python."""
    if type(n_chars) is not list or type(limit) is not int:
        return None
    cdef list chars = n_chars
    cdef Py_ssize_t n = len(chars), i
    cdef bytearray out = bytearray(n)
    cdef unsigned char *g = <unsigned char *>PyByteArray_AS_STRING(out)
    for i in range(n):
        if type(chars[i]) is not int:
            return None
        g[i] = 83 if limit > chars[i] else 63
    return out


cdef object _grade_long(bytearray grades, list n_chars, list n_words, list terminal, list head, stopwords,
                        double near_words, double good, double low, double high):
    cdef Py_ssize_t n = PyByteArray_GET_SIZE(grades), i, words, hits = 0
    cdef bytearray out = bytearray(grades)
    cdef unsigned char *g = <unsigned char *>PyByteArray_AS_STRING(out)
    cdef double density, chars
    cdef bint term, sentence, has_words = bool(stopwords)
    cdef bint is_set = isinstance(stopwords, (set, frozenset))
    cdef _Stops table = _table(stopwords) if has_words else None
    cdef list counted = []
    for i in range(n):
        if g[i] != 63:  # "?": long, not graded yet
            continue
        g[i] = 78  # "N"
        term = bool(terminal[i])
        if not (term and _number(n_words[i]) >= near_words and _number(n_chars[i]) < good):
            counted.append(i)
    if has_words:
        densities = []
        for i in counted:
            if type(head[i]) is not str:
                return None
            words = _words_in(head[i], stopwords, table, is_set, &hits)
            densities.append(<double>hits / <double>words if words else hits / words)  # no words: Python's ZeroDivisionError
    for k in range(len(counted)):
        i = counted[k]
        term = bool(terminal[i])
        density = densities[k] if has_words else (high if term else 0.0)
        sentence = term and _number(n_words[i]) >= near_words
        chars = _number(n_chars[i])
        if chars >= good and density >= low and (term or density >= high):
            g[i] = 71  # "G"
        elif not (density >= low or sentence):
            g[i] = 66  # "B"
    return out


# --- language.vote ----------------------------------------------------------------------------------

def count_between(text, lo, hi):
    """`language.kana`: how many characters of `text` are between code points `lo` and `hi`; None: left to the Python."""
    if type(text) is not str or type(lo) is not int or type(hi) is not int or not 0 <= lo <= hi < 0x110000:
        return None
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), j, found = 0
    cdef Py_UCS4 a = lo, b = hi, c
    if kind == 1 and a > 255:
        return 0  # a string of one byte a character holds none past U+00FF
    for j in range(n):
        c = PyUnicode_READ(kind, data, j)
        found += a <= c <= b
    return found


def vote(words, tuple codes not None, table):
    """`language.vote` with `language._vote_table`'s numbered languages, counted in a C array; None: left to the Python."""
    if type(words) is not list or type(table) is not dict or len(codes) > 256:
        return None
    cdef Py_ssize_t counts[256]
    cdef unsigned char order[256]  # the languages in the order their first vote came (Counter's order)
    cdef Py_ssize_t seen = 0, j, n, best_votes, runner = 0
    cdef const unsigned char *ids
    cdef unsigned char lang, best
    cdef PyObject *got
    memset(counts, 0, sizeof(counts))
    for word in words:
        got = ctext_dict_get_borrowed(table, word)
        if got == NULL:
            continue
        if type(<object>got) is not bytes:
            return None
        ids = <const unsigned char *>PyBytes_AS_STRING(<object>got)
        n = PyBytes_GET_SIZE(<object>got)
        for j in range(n):
            lang = ids[j]
            if lang >= len(codes):
                return None
            if counts[lang] == 0:
                order[seen] = lang
                seen += 1
            counts[lang] += 1
    if not seen:
        return None, 0, 0
    best = order[0]
    for j in range(1, seen):  # the first of the most voted (Counter's max)
        if counts[order[j]] > counts[best]:
            best = order[j]
    best_votes = counts[best]
    for j in range(seen):
        if order[j] != best and counts[order[j]] > runner:
            runner = counts[order[j]]
    return codes[best], best_votes, runner


# --- classify: the context pass's loops -------------------------------------------------------------

def main_region(grades, n_chars, chrome_cost, bad_cost, block_cost, chrome_min):
    """`classify.main_region`: [start, end) of the run of blocks with the largest body score; None: left to the Python."""
    if not (type(grades) is bytearray and type(n_chars) is list
            and all(type(x) in (int, float) for x in (chrome_cost, bad_cost, block_cost, chrome_min))):
        return None
    for chars in n_chars:
        if type(chars) is not int:
            return None
    return _main_region(grades, n_chars, chrome_cost, bad_cost, block_cost, chrome_min)


cdef tuple _main_region(bytearray grades, list n_chars, double chrome_cost, double bad_cost, double block_cost, double chrome_min):
    cdef Py_ssize_t n = min(PyByteArray_GET_SIZE(grades), len(n_chars)), i, start = 0, best_start = 0, best_end = 0
    cdef unsigned char *g = <unsigned char *>PyByteArray_AS_STRING(grades)
    cdef double best = 0.0, total = 0.0, gain, chars
    for i in range(n):
        chars = _number(n_chars[i])
        if g[i] == 71:  # good
            gain = chars
        elif g[i] == 67:  # chrome
            gain = -chrome_cost * (chars if chars >= chrome_min else chrome_min) - block_cost
        elif g[i] == 80:  # gallery
            gain = 0
        else:
            gain = -bad_cost * chars - block_cost
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end


def resolve_runs(grades, rule):
    """`classify.resolve_context` after its menus: each run of short and near-good blocks takes its neighbours' class."""
    if type(grades) is not bytearray or type(rule) is not list:
        return None
    cdef Py_ssize_t n = PyByteArray_GET_SIZE(grades), a = 0, b, i
    if len(rule) < n:
        return None
    cdef bytearray resolved = bytearray(grades)
    cdef unsigned char *g = <unsigned char *>PyByteArray_AS_STRING(grades)
    cdef unsigned char *r = <unsigned char *>PyByteArray_AS_STRING(resolved)
    cdef unsigned char before, after
    while a < n:
        if g[a] != 83 and g[a] != 78:  # "S", "N"
            a += 1
            continue
        b = a
        while b < n and (g[b] == 83 or g[b] == 78):
            b += 1
        before = g[a - 1] if a else 66
        after = g[b] if b < n else 66
        for i in range(b - 1, a - 1, -1):
            if g[i] == 83:
                if before == 71 and (after == 71 or after == 78):
                    r[i] = 71
                    rule[i] = "short-in-prose"
                else:
                    r[i] = 66
                    rule[i] = "short-near-chrome"
            else:
                if before == 71 or after == 71:
                    r[i] = 71
                    rule[i] = "near-good-by-prose"
                else:
                    r[i] = 66
                    rule[i] = "near-good-alone"
                after = 78
        a = b
    return resolved


cdef int _by_grade(object table, PyObject **out) except -1:
    """`table` ({grade: value}) as an array by grade byte (borrowed; NULL: absent); 1 when a key is not an int of a byte."""
    if type(table) is not dict:
        return 1
    for key, value in (<dict>table).items():
        if type(key) is not int or not 0 <= key < 256:
            return 1  # an equal key of another type (True, 71.0) is the Python's to look up
        out[<int>key] = <PyObject *>value
    return 0


def label_all(grades, label, rule, start, end, tuple inside not None, tuple outside not None):
    """`classify.label_all`: labels and rules from grades, with the Python's tables ((labels, rules, defaults) in and outside the article)."""
    if not (type(grades) is bytearray and type(label) is list and type(rule) is list and type(start) is int and type(end) is int):
        return None
    cdef Py_ssize_t n = PyByteArray_GET_SIZE(grades), i
    cdef unsigned char *g = <unsigned char *>PyByteArray_AS_STRING(grades)
    if len(label) != n or len(rule) != n or not 0 <= start <= end <= n or len(inside) != 3 or len(outside) != 3:
        return None  # the Python's slices say what that gives
    # The tables by grade byte, read once a call: [side][table][grade], side 0 inside the article, 1 outside.
    cdef PyObject *tables[2][3][256]
    cdef PyObject *rules_of
    cdef PyObject *got
    cdef int side, t
    memset(tables, 0, sizeof(tables))
    for side, sides in enumerate((inside, outside)):
        for t in range(3):
            if _by_grade(sides[t], tables[side][t]):
                return None
    for t in range(2):
        for i in range(256):
            if tables[t][1][i] != NULL and type(<object>tables[t][1][i]) is not dict:
                return None  # a rule table that is not a dict: its own `get`
    cdef unsigned char grade
    cdef Py_ssize_t first = start, last = end  # ints within [0, n], checked above
    for i in range(n):
        if i >= PyList_GET_SIZE(label) or i >= PyList_GET_SIZE(rule):
            raise IndexError("list assignment index out of range")  # shrunk by code a replaced entry's release ran
        side = 0 if first <= i < last else 1
        grade = g[i]
        got = tables[side][0][grade]
        if got != NULL:
            _put(label, i, got)
        rules_of = tables[side][1][grade]
        if rules_of == NULL:
            raise KeyError(grade)
        got = ctext_dict_get_borrowed(<object>rules_of, <object>PyList_GET_ITEM_BORROWED(rule, i))
        if got == NULL:
            got = tables[side][2][grade]
        if got != NULL and i < PyList_GET_SIZE(rule):
            _put(rule, i, got)
    return True


cdef inline void _put(list items, Py_ssize_t i, PyObject *value) noexcept:
    """items[i] = value, for 0 <= i < len(items): the entry it replaces is released last, as `list.__setitem__` does."""
    cdef PyObject *old = PyList_GET_ITEM_BORROWED(items, i)
    Py_INCREF(<object>value)
    PyList_SET_ITEM(items, i, <object>value)
    Py_DECREF(<object>old)


# --- language.detect: langdetect's inner loops -----------------------------------------------------

from cpython.float cimport PyFloat_AS_DOUBLE, PyFloat_FromDouble
from cpython.list cimport PyList_GET_ITEM, PyList_SET_ITEM
from cpython.ref cimport Py_DECREF, Py_INCREF
from cpython.tuple cimport PyTuple_GET_ITEM


cdef bint _floats(seq, Py_ssize_t n, bint is_list):
    """Whether the first n items of a list (or tuple) are all exact floats."""
    cdef Py_ssize_t i
    for i in range(n):
        if type(<object>(PyList_GET_ITEM(seq, i) if is_list else PyTuple_GET_ITEM(seq, i))) is not float:
            return False
    return True


from cpython cimport array


cdef inline bint _doubles(prob):
    """Whether `prob` is an array of doubles (`language._Detector`'s probabilities)."""
    return type(prob) is array.array and (<array.array>prob).ob_descr.typecode == b'd'


def scale_probs(prob, probs, weight):
    """langdetect's `Detector._update_lang_prob` loop, `prob[i] *= weight + probs[i]`, in the same double operations; None: left to the Python."""
    if not (type(prob) is list or _doubles(prob)) or type(probs) is not tuple or type(weight) is not float:
        return None
    cdef Py_ssize_t n = len(prob), i
    if len(probs) < n or not _floats(probs, n, False):
        return None
    cdef double w = weight
    cdef double *p
    if type(prob) is not list:  # doubles in place: no float object a step
        p = (<array.array>prob).data.as_doubles
        for i in range(n):
            p[i] *= w + PyFloat_AS_DOUBLE(<object>PyTuple_GET_ITEM(probs, i))
        return True
    if not _floats(prob, n, True):
        return None
    cdef object old
    for i in range(n):
        old = <object>PyList_GET_ITEM(prob, i)
        new = PyFloat_FromDouble(PyFloat_AS_DOUBLE(old) * (w + PyFloat_AS_DOUBLE(<object>PyTuple_GET_ITEM(probs, i))))
        Py_INCREF(new)
        PyList_SET_ITEM(prob, i, new)
        Py_DECREF(old)
    return True


def normalize_probs(prob, total):
    """langdetect's `Detector._normalize_prob` loop given `total` (Python's `sum(prob)`): each divided by it; the largest; None: left to the Python."""
    if not (type(prob) is list or _doubles(prob)) or type(total) is not float or total == 0.0:
        return None  # a zero sum: the Python's ZeroDivisionError
    cdef Py_ssize_t n = len(prob), i
    cdef double t = total, p, top = 0.0
    cdef double *d
    if type(prob) is not list:
        d = (<array.array>prob).data.as_doubles
        for i in range(n):
            p = d[i] / t
            if top < p:
                top = p
            d[i] = p
        return top
    if not _floats(prob, n, True):
        return None
    cdef object old
    for i in range(n):
        old = <object>PyList_GET_ITEM(prob, i)
        p = PyFloat_AS_DOUBLE(old) / t
        if top < p:
            top = p
        new = PyFloat_FromDouble(p)
        Py_INCREF(new)
        PyList_SET_ITEM(prob, i, new)
        Py_DECREF(old)
    return top


cdef int _NGRAM_NORM[65536]  # langdetect's `NGram.normalize` of each BMP character, filled as met; 0: not yet
cdef object _NGRAM_NORMALIZE = None  # the function the table holds the answers of


cdef long _normalized(Py_UCS4 c, normalize) except -2:
    """normalize(chr(c)) as a code point; -1 when it is not one character (left to the Python)."""
    got = normalize(chr(c))
    if type(got) is not str or len(<str>got) != 1:
        return -1
    return ord(got)


def ngrams(text, word_map, normalize):
    """langdetect's `Detector._extract_ngrams` (`NGram.add_char` character by character, 1- to 3-grams kept when `word_map` has them); None: left to the Python."""
    global _NGRAM_NORMALIZE
    if type(text) is not str or type(word_map) is not dict:
        return None
    if normalize is not _NGRAM_NORMALIZE:
        memset(_NGRAM_NORM, 0, sizeof(_NGRAM_NORM))
        _NGRAM_NORMALIZE = normalize
    cdef int kind = PyUnicode_KIND(text), size = 1, n
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i
    cdef Py_UCS4 c, last
    cdef long m
    cdef Py_UCS4 grams[3]
    cdef bint capital = False
    cdef list out = []
    grams[0] = 32
    for i in range(PyUnicode_GET_LENGTH(text)):
        c = PyUnicode_READ(kind, data, i)
        if c < 65536 and _NGRAM_NORM[c]:
            m = _NGRAM_NORM[c] - 1
        else:
            m = _normalized(c, normalize)
            if m < 0:
                return None
            if c < 65536:
                _NGRAM_NORM[c] = m + 1
        last = grams[size - 1]
        if last == 32:
            grams[0], size = 32, 1  # grams = " "
            capital = False
            if m == 32:
                continue
        elif size >= 3:
            grams[0], grams[1] = grams[1], grams[2]
            size = 2
        grams[size] = m
        size += 1
        if Py_UNICODE_ISUPPER(m):
            if Py_UNICODE_ISUPPER(last):
                capital = True
        else:
            capital = False
        if capital:
            continue
        for n in range(1, 4):
            if size < n:
                break
            if n == 1 and m == 32:
                continue  # the gram " "
            w = PyUnicode_FromKindAndData(4, &grams[size - n], n)
            if PyDict_Contains(word_map, w):
                out.append(w)
    return out


# --- blocks.positions ------------------------------------------------------------------------------

cdef extern from "Python.h":
    Py_ssize_t PyList_GET_SIZE(object)
    PyObject *PyList_GET_ITEM_BORROWED "PyList_GET_ITEM"(object, Py_ssize_t)


# A page's labels are a few distinct strings, each in hundreds of entries: their membership in a set is looked up
# once a call, and remembered by identity (a direct-mapped table by address). Only for str entries and a set of str,
# where a look-up runs no Python code; the entries remembered are held, so that no other object can take their
# address during the call.
cdef enum:
    VERDICT_SLOTS = 64  # a power of two
    MAX_HELD = 256  # distinct entries remembered in a call, at most

cdef struct Verdicts:
    bint plain  # every member of the set is a str
    Py_ssize_t held
    PyObject *entry[VERDICT_SLOTS]
    bint member[VERDICT_SLOTS]


cdef int _verdicts(Verdicts *v, members) except -1:
    v.plain = True
    v.held = 0
    memset(v.entry, 0, sizeof(v.entry))
    for member in members:
        if type(member) is not str:
            v.plain = False
    return 0


cdef int _remember(Verdicts *v, PyObject *p, members, list held) except -1:
    """`entry in members` (a frozenset) for the entry at `p` (borrowed), remembered by identity for a str entry."""
    cdef Py_ssize_t slot = (<size_t>p >> 4) & (VERDICT_SLOTS - 1)
    cdef int found
    entry = <object>p  # held while the set is asked
    found = PySet_Contains(members, entry)
    if v.plain and type(entry) is str and v.held < MAX_HELD:
        held.append(entry)
        v.held += 1
        v.entry[slot], v.member[slot] = p, found
    return found


cdef inline int _member(Verdicts *v, PyObject *p, members, list held) except -1:
    """`_remember`, from the table when the entry at `p` is in it."""
    cdef Py_ssize_t slot = (<size_t>p >> 4) & (VERDICT_SLOTS - 1)
    if v.entry[slot] == p:
        return v.member[slot]
    return _remember(v, p, members, held)


def positions(column, members):
    """`blocks.positions`: [i for i, entry in enumerate(column) if entry in members]; None: left to the Python."""
    cdef Py_ssize_t i, n
    cdef list out = [], held = [], items
    cdef unsigned char table[256]
    cdef const unsigned char *data
    cdef Verdicts v
    if type(members) is not frozenset:
        return None
    if type(column) is list:
        _verdicts(&v, members)
        items = <list>column
        i = 0
        while i < PyList_GET_SIZE(items):  # read again each step: a set of other than str may run code that shrinks it
            if _member(&v, PyList_GET_ITEM_BORROWED(items, i), members, held):
                out.append(i)
            i += 1
        return out
    if type(column) is not bytearray and type(column) is not bytes:
        return None
    memset(table, 0, sizeof(table))
    for member in members:
        if type(member) is not int:
            return None  # an equal member of another type (True, 71.0): the Python's to compare
        if 0 <= member < 256:
            table[<int>member] = 1
    if type(column) is bytearray:
        data, n = <const unsigned char *>PyByteArray_AS_STRING(column), PyByteArray_GET_SIZE(column)
    else:
        data, n = <const unsigned char *>PyBytes_AS_STRING(column), PyBytes_GET_SIZE(column)
    for i in range(n):
        if table[data[i]]:
            out.append(i)
    return out


# --- classify.repeated ----------------------------------------------------------------------------

cdef extern from "Python.h":
    PyObject *PyDict_SetDefault(object, object, object) except NULL


cdef inline unsigned long long _sketch_of(const ch_t *d, Py_ssize_t n, unsigned long long h) noexcept:
    cdef Py_ssize_t j
    for j in range(n if n < 8 else 8):
        h = _fnv(h, d[j])
    for j in range(n - 8 if n > 16 else 8, n):
        h = _fnv(h, d[j])
    return h


cdef inline unsigned long long _sketch(str s) noexcept:
    """A hash of a str from its length, width and at most 16 of its code units (the first and last 8): equal texts
    have equal sketches, and a page's texts seldom share one, so no text is hashed whole (Python's hash reads it all)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(s)
    cdef int kind = PyUnicode_KIND(s)
    cdef unsigned long long h = _fnv(_fnv(14695981039346656037ULL, <unsigned int>n), <unsigned int>kind)
    if kind == 1:
        return _sketch_of(<const unsigned char *>PyUnicode_DATA(s), n, h)
    if kind == 2:
        return _sketch_of(<const unsigned short *>PyUnicode_DATA(s), n, h)
    return _sketch_of(<const unsigned int *>PyUnicode_DATA(s), n, h)


cdef inline bint _same_text(str a, str b) noexcept:
    """a == b for two exact str (equal texts have the same length and width: Python's canonical form)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(a)
    return a is b or (n == PyUnicode_GET_LENGTH(b) and PyUnicode_KIND(a) == PyUnicode_KIND(b)
                      and memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), n * PyUnicode_KIND(a)) == 0)


def repeated(texts, n_words, min_words):
    """`classify.repeated`: {text: positions} of the texts of `min_words` words or more held twice or more; None: left to the Python."""
    if type(texts) is not list or type(n_words) is not list or type(min_words) is not int:
        return None
    cdef Py_ssize_t n = min(len(texts), len(n_words)), i, j, size = 16, slot, leader
    cdef int overflow = 0
    cdef long least = PyLong_AsLongAndOverflow(min_words, &overflow), words
    cdef bint big_least = overflow != 0, any_copy = False
    for i in range(n):
        if type(<object>PyList_GET_ITEM_BORROWED(n_words, i)) is not int or type(<object>PyList_GET_ITEM_BORROWED(texts, i)) is not str:
            return None  # the Python's comparisons and hashes
    while size < 2 * n:
        size *= 2
    # first[i]: the position of the first copy of text i (i itself for the first), -1 when it has too few words;
    # copies[i]: for a first copy, how many the page holds.
    cdef Py_ssize_t *first = <Py_ssize_t *>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *copies = <Py_ssize_t *>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *slots = <Py_ssize_t *>PyMem_Malloc(size * sizeof(Py_ssize_t))
    cdef unsigned long long *sketches = <unsigned long long *>PyMem_Malloc((n + 1) * sizeof(unsigned long long))
    cdef unsigned long long h
    cdef dict found = {}
    cdef str text
    try:
        if not (first and copies and slots and sketches):
            raise MemoryError()
        for j in range(size):
            slots[j] = -1
        for i in range(n):
            count = <object>PyList_GET_ITEM_BORROWED(n_words, i)
            words = PyLong_AsLongAndOverflow(count, &overflow)
            first[i] = -1
            if (count < min_words) if (overflow or big_least) else (words < least):
                continue
            text = <str>PyList_GET_ITEM_BORROWED(texts, i)
            h = _sketch(text)
            slot = h & (size - 1)
            while slots[slot] != -1:
                leader = slots[slot]
                if sketches[leader] == h and _same_text(<str>PyList_GET_ITEM_BORROWED(texts, leader), text):
                    first[i] = leader
                    copies[leader] += 1
                    any_copy = True
                    break
                slot = (slot + 1) & (size - 1)
            else:
                slots[slot], sketches[i], first[i], copies[i] = i, h, i, 1
        if any_copy:
            for i in range(n):  # in the Python's order: by first copy
                leader = first[i]
                if leader >= 0 and copies[leader] > 1:
                    if leader >= PyList_GET_SIZE(texts):
                        raise IndexError("list index out of range")  # shrunk by code a collection ran
                    text = <str>PyList_GET_ITEM_BORROWED(texts, leader)
                    got = found.get(text)
                    if got is None:
                        found[text] = [i]
                    else:
                        (<list>got).append(i)
        return found
    finally:
        PyMem_Free(first)
        PyMem_Free(copies)
        PyMem_Free(slots)
        PyMem_Free(sketches)


def opening(texts, chars):
    """`blocks.opening`: the positions of the texts whose first character is in `chars`; None: left to the Python."""
    if type(texts) is not list or type(chars) is not frozenset:
        return None
    cdef unsigned char table[128]
    memset(table, 0, sizeof(table))
    for c in chars:
        if type(c) is not str or len(<str>c) != 1 or ord(c) >= 128:
            return None  # a set the Python reads as it is
        table[ord(c)] = 1
    cdef list out = []
    cdef Py_ssize_t i
    cdef Py_UCS4 first
    for i in range(len(<list>texts)):
        text = (<list>texts)[i]
        if type(text) is not str or PyUnicode_GET_LENGTH(text) == 0:
            return None  # the Python's IndexError or its own indexing
        first = PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 0)
        if first < 128 and table[first]:
            out.append(i)
    return out


# --- core.dropped_blocks -----------------------------------------------------------------------------

def dropped_blocks(texts, labels, rules, lines, kept, row):
    """`core.dropped_blocks`: `tuple.__new__(row, (text, label, rule, line))` of each block whose label is not in `kept`; None: left to the Python."""
    if not (type(texts) is list and type(labels) is list and type(rules) is list and type(lines) is list
            and type(kept) is frozenset and type(row) is type and issubclass(row, tuple) and row is not tuple):
        return None
    cdef Py_ssize_t n = min(len(texts), len(labels), len(rules), len(lines)), i
    cdef list out = [], held = []
    cdef Verdicts v
    _verdicts(&v, kept)
    cdef PyObject *text
    cdef PyObject *label
    cdef PyObject *rule
    cdef PyObject *line
    for i in range(n):
        if (i >= PyList_GET_SIZE(texts) or i >= PyList_GET_SIZE(labels) or i >= PyList_GET_SIZE(rules)
                or i >= PyList_GET_SIZE(lines)):
            raise IndexError("list index out of range")  # a list shrunk by code a look-up or a collection ran
        if _member(&v, PyList_GET_ITEM_BORROWED(labels, i), kept, held):
            continue
        text, label = PyList_GET_ITEM_BORROWED(texts, i), PyList_GET_ITEM_BORROWED(labels, i)
        rule, line = PyList_GET_ITEM_BORROWED(rules, i), PyList_GET_ITEM_BORROWED(lines, i)
        out.append(ctext_row4(row, text, label, rule, line))
    return out


include "_minhash.pxi"

