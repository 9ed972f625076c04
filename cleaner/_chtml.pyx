# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled DOM walk of the HTML path: `cleaner.html.walk` over lexbor's nodes, read in selectolax's own library.

`walk` gives the same `_Page` as the Python `walk` (its reference, tested on every gold page in
tests/test_chtml.py). Where the Python walk makes a LexborNode, a dict of attributes and a str
per node, this one follows lexbor's pointers and makes Python objects only for what the page
keeps: the text, and the attribute values the rules read. The rules themselves (`_hints`,
`_hidden`, `_kind`, the tag tables) are the Python module's, read from it, not copied here;
`_hints` is matched here on ASCII values, from its patterns spelled out by the module.

lexbor is reached through selectolax 1.0.2's extension module, which exports lexbor's C
functions: `init` finds the few it needs with dlsym, and checks on a small page that the node
layout declared below (lexbor's `lxb_dom_node_t`, `lxb_dom_character_data_t`) reads what
selectolax reads. A LexborNode's `mem_id` is its node's address.
"""

import re

from cpython.list cimport PyList_GET_SIZE
from cpython.ref cimport Py_INCREF, Py_XDECREF, PyObject
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdint cimport uint64_t, uintptr_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memchr, memcmp, memcpy, memset

cdef extern from *:
    """
    /* A str's count of one character: str.count stops to check for a maximum at each hit, and the
       count of "<" over a page was a twentieth of its time; here 16 bytes at a time where SSE2 is. */
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #endif
    static Py_ssize_t ck_count_char(PyObject *s, Py_UCS4 ch) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s), i = 0, count = 0;
        const void *data = PyUnicode_DATA(s);
        switch (PyUnicode_KIND(s)) {
        case PyUnicode_1BYTE_KIND: {
            const Py_UCS1 *p = (const Py_UCS1 *) data;
            if (ch > 0xFF) return 0;
    #if defined(__SSE2__)
            const __m128i needle = _mm_set1_epi8((char) ch), zero = _mm_setzero_si128();
            while (i + 16 <= n) {
                /* Each byte lane counts its hits (at most 255 rounds), then the lanes are summed. */
                __m128i lanes = zero, sums;
                Py_ssize_t stop = i + 16 * 255 < n ? i + 16 * 255 : n;
                for (; i + 16 <= stop; i += 16)
                    lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *) (p + i)), needle));
                sums = _mm_sad_epu8(lanes, zero);
                count += _mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4);
            }
    #endif
            for (; i < n; i++) count += p[i] == ch;
            break;
        }
        case PyUnicode_2BYTE_KIND: {
            const Py_UCS2 *p = (const Py_UCS2 *) data;
            if (ch > 0xFFFF) return 0;
    #if defined(__SSE2__)
            const __m128i needle = _mm_set1_epi16((short) ch), zero = _mm_setzero_si128(), ones = _mm_set1_epi16(1);
            while (i + 8 <= n) {
                /* Each 16-bit lane counts its hits (at most 32767 rounds: pmaddwd reads lanes as signed). */
                __m128i lanes = zero, sums;
                Py_ssize_t stop = i + 8 * 32767 < n ? i + 8 * 32767 : n;
                for (; i + 8 <= stop; i += 8)
                    lanes = _mm_sub_epi16(lanes, _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *) (p + i)), needle));
                sums = _mm_madd_epi16(lanes, ones);
                sums = _mm_add_epi32(sums, _mm_shuffle_epi32(sums, 0x4E));
                sums = _mm_add_epi32(sums, _mm_shuffle_epi32(sums, 0xB1));
                count += _mm_cvtsi128_si32(sums);
            }
    #endif
            for (; i < n; i++) count += p[i] == ch;
            break;
        }
        default: {
            const Py_UCS4 *p = (const Py_UCS4 *) data;
            for (; i < n; i++) count += p[i] == ch;
        }
        }
        return count;
    }
    /* " ".join(s.split()): the words of s (split at what str.isspace calls space) joined by one space, in two
       passes over s (the length and widest character, then the words) and no list of words; one loop for
       each width of str. */
    #define CK_SQUEEZE(NAME, T, KIND) \
    static PyObject *NAME(PyObject *s, const T *p, Py_ssize_t n) {                                    \
        Py_ssize_t i = 0, out = 0, start, j = 0;                                                      \
        int other_space = 0;                                                                          \
        Py_UCS4 c, widest = 0;                                                                        \
        PyObject *result;                                                                             \
        while (i < n) {                                                                               \
            while (i < n && Py_UNICODE_ISSPACE(p[i])) {                                               \
                other_space |= p[i] != ' ';                                                           \
                i++;                                                                                  \
            }                                                                                         \
            if (i == n) break;                                                                        \
            if (out) out++;                                                                           \
            while (i < n && !Py_UNICODE_ISSPACE(c = p[i])) {                                          \
                if (c > widest) widest = c;                                                           \
                out++;                                                                                \
                i++;                                                                                  \
            }                                                                                         \
        }                                                                                             \
        if (out == n && !other_space) {  /* each space a single ' ' between words: s itself */        \
            Py_INCREF(s);                                                                             \
            return s;                                                                                 \
        }                                                                                             \
        result = PyUnicode_New(out, widest);                                                          \
        if (result == NULL) return NULL;                                                              \
        if (PyUnicode_KIND(result) == KIND) {  /* as wide as s: words copied whole */                 \
            T *q = (T *) PyUnicode_DATA(result);                                                      \
            for (i = 0; i < n;) {                                                                     \
                while (i < n && Py_UNICODE_ISSPACE(p[i])) i++;                                        \
                if (i == n) break;                                                                    \
                if (j) q[j++] = ' ';                                                                  \
                start = i;                                                                            \
                while (i < n && !Py_UNICODE_ISSPACE(p[i])) i++;                                       \
                memcpy(q + j, p + start, (size_t) (i - start) * sizeof(T));                           \
                j += i - start;                                                                       \
            }                                                                                         \
        } else {  /* narrower: the wide characters were spaces */                                     \
            int kind = PyUnicode_KIND(result);                                                        \
            void *q = PyUnicode_DATA(result);                                                         \
            for (i = 0; i < n;) {                                                                     \
                while (i < n && Py_UNICODE_ISSPACE(p[i])) i++;                                        \
                if (i == n) break;                                                                    \
                if (j) PyUnicode_WRITE(kind, q, j++, ' ');                                            \
                for (; i < n && !Py_UNICODE_ISSPACE(p[i]); i++) PyUnicode_WRITE(kind, q, j++, p[i]);  \
            }                                                                                         \
        }                                                                                             \
        return result;                                                                                \
    }
    /* One function for each width of str. */
    CK_SQUEEZE(ck_squeeze_1, Py_UCS1, PyUnicode_1BYTE_KIND)
    CK_SQUEEZE(ck_squeeze_2, Py_UCS2, PyUnicode_2BYTE_KIND)
    CK_SQUEEZE(ck_squeeze_4, Py_UCS4, PyUnicode_4BYTE_KIND)
    static PyObject *ck_squeeze(PyObject *s) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s);
        switch (PyUnicode_KIND(s)) {
        case PyUnicode_1BYTE_KIND: return ck_squeeze_1(s, PyUnicode_1BYTE_DATA(s), n);
        case PyUnicode_2BYTE_KIND: return ck_squeeze_2(s, PyUnicode_2BYTE_DATA(s), n);
        default: return ck_squeeze_4(s, PyUnicode_4BYTE_DATA(s), n);
        }
    }
    /* s.encode("utf-8", "ignore"): what selectolax feeds lexbor for a str. Python's encoder goes one character
       at a time, and encoding was an eighth of a pass over the Scrapinghub pages; here runs of ASCII (a page's
       tags) go 16 or 8 characters at a time where SSE2 is. Lone surrogates, which UTF-8 cannot hold, are
       dropped as "ignore" drops them. */
    static inline char *ck_utf8_char(char *q, Py_UCS4 c) {
        if (c < 0x80) {
            *q++ = (char) c;
        } else if (c < 0x800) {
            *q++ = (char) (0xC0 | (c >> 6));
            *q++ = (char) (0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            /* a lone surrogate: dropped */
        } else if (c < 0x10000) {
            *q++ = (char) (0xE0 | (c >> 12));
            *q++ = (char) (0x80 | ((c >> 6) & 0x3F));
            *q++ = (char) (0x80 | (c & 0x3F));
        } else {
            *q++ = (char) (0xF0 | (c >> 18));
            *q++ = (char) (0x80 | ((c >> 12) & 0x3F));
            *q++ = (char) (0x80 | ((c >> 6) & 0x3F));
            *q++ = (char) (0x80 | (c & 0x3F));
        }
        return q;
    }
    static PyObject *ck_utf8(PyObject *s) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s), i = 0, stop;
        int kind = PyUnicode_KIND(s);
        const void *data = PyUnicode_DATA(s);
        PyObject *out;
        char *q, *start;
        if (PyUnicode_IS_ASCII(s)) return PyBytes_FromStringAndSize((const char *) data, n);
        if (n > PY_SSIZE_T_MAX / 4) return PyErr_NoMemory();
        /* Room for the widest encoding, cut to size at the end. */
        out = PyBytes_FromStringAndSize(NULL, n * (kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4));
        if (out == NULL) return NULL;
        q = start = PyBytes_AS_STRING(out);
        switch (kind) {
        case PyUnicode_1BYTE_KIND: {
            const Py_UCS1 *p = (const Py_UCS1 *) data;
    #if defined(__SSE2__)
            while (i + 16 <= n) {  /* the store fits: q is at most 2i bytes in, of 2n */
                __m128i v = _mm_loadu_si128((const __m128i *) (p + i));
                if (_mm_movemask_epi8(v) == 0) {
                    _mm_storeu_si128((__m128i *) q, v);
                    q += 16;
                    i += 16;
                } else {
                    for (stop = i + 16; i < stop; i++) q = ck_utf8_char(q, p[i]);
                }
            }
    #endif
            for (; i < n; i++) q = ck_utf8_char(q, p[i]);
            break;
        }
        case PyUnicode_2BYTE_KIND: {
            const Py_UCS2 *p = (const Py_UCS2 *) data;
    #if defined(__SSE2__)
            const __m128i high = _mm_set1_epi16((short) 0xFF80), zero = _mm_setzero_si128();
            while (i + 8 <= n) {  /* the store fits: q is at most 3i bytes in, of 3n */
                __m128i v = _mm_loadu_si128((const __m128i *) (p + i));
                if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, high), zero)) == 0xFFFF) {
                    _mm_storel_epi64((__m128i *) q, _mm_packus_epi16(v, v));
                    q += 8;
                    i += 8;
                } else {
                    for (stop = i + 8; i < stop; i++) q = ck_utf8_char(q, p[i]);
                }
            }
    #endif
            for (; i < n; i++) q = ck_utf8_char(q, p[i]);
            break;
        }
        default: {
            const Py_UCS4 *p = (const Py_UCS4 *) data;
            for (; i < n; i++) q = ck_utf8_char(q, p[i]);
        }
        }
        if (_PyBytes_Resize(&out, q - start) < 0) return NULL;
        return out;
    }
    """
    Py_ssize_t ck_count_char(object s, Py_UCS4 ch)
    str ck_squeeze(object s)
    bytes ck_utf8(object s)


def count_char(str text, str char):
    """text.count(char) for one character (`cleaner.html.tag_count`'s count of "<")."""
    if len(char) != 1:
        raise ValueError("count_char counts one character")
    return ck_count_char(text, ord(char))


def squeeze(str text):
    """" ".join(text.split()) (`cleaner.html.squeeze`)."""
    return ck_squeeze(text)


def utf8(str text):
    """text.encode("utf-8", "ignore") (`cleaner.html.utf8`)."""
    return ck_utf8(text)


cdef extern from "dlfcn.h" nogil:
    void *dlopen(const char *filename, int flag)
    void *dlsym(void *handle, const char *symbol)
    int RTLD_NOW
    int RTLD_NOLOAD

cdef extern from *:
    """
    /* lexbor's lxb_dom_node_t (selectolax 1.0.2, selectolax/lexbor.pxd), up to the fields read here. */
    typedef struct ck_node {
        void *events;
        uintptr_t local_name;
        uintptr_t prefix;
        uintptr_t ns;
        void *owner_document;
        struct ck_node *next;
        struct ck_node *prev;
        struct ck_node *parent;
        struct ck_node *first_child;
        struct ck_node *last_child;
        void *user;
        int type;
    } ck_node;
    /* lexbor_str_t and lxb_dom_character_data_t (a text node's data follows its node). */
    typedef struct { unsigned char *data; size_t length; } ck_str;
    typedef struct { ck_node node; ck_str data; } ck_chardata;
    typedef const unsigned char *(*ck_name_f)(void *, size_t *);
    typedef void *(*ck_attr_f)(void *);
    typedef void (*ck_remove_f)(void *);
    /* lexbor's CSS selectors: parser, selector list, matcher (opaque here). */
    typedef void *(*ck_create_f)(void);
    typedef unsigned int (*ck_init_f)(void *);
    typedef unsigned int (*ck_parser_init_f)(void *, void *);
    typedef void (*ck_set_f)(void *, void *);
    typedef void (*ck_opt_f)(void *, int);
    typedef void *(*ck_parse_f)(void *, const unsigned char *, size_t);
    typedef unsigned int (*ck_found_f)(void *, void *, void *);
    typedef unsigned int (*ck_find_f)(void *, void *, void *, ck_found_f, void *);
    /* selectolax's LexborNode object (selectolax/lexbor.pxd: a final cdef class with cdef methods). */
    typedef struct { PyObject_HEAD void *vtab; void *node; PyObject *parser; int fragment_root; int template_content; } ck_lexbor_node;
    """
    ctypedef struct ck_node:
        uintptr_t local_name
        ck_node *next
        ck_node *parent
        ck_node *first_child
        int type
    ctypedef struct ck_str:
        unsigned char *data
        size_t length
    ctypedef struct ck_chardata:
        ck_node node
        ck_str data
    ctypedef const unsigned char *(*ck_name_f)(void *, size_t *) noexcept nogil
    ctypedef void *(*ck_attr_f)(void *) noexcept nogil
    ctypedef void (*ck_remove_f)(void *) noexcept nogil
    ctypedef void *(*ck_create_f)() noexcept nogil
    ctypedef unsigned int (*ck_init_f)(void *) noexcept nogil
    ctypedef unsigned int (*ck_parser_init_f)(void *, void *) noexcept nogil
    ctypedef void (*ck_set_f)(void *, void *) noexcept nogil
    ctypedef void (*ck_opt_f)(void *, int) noexcept nogil
    ctypedef void *(*ck_parse_f)(void *, const unsigned char *, size_t) noexcept nogil
    ctypedef unsigned int (*ck_found_f)(void *, void *, void *) noexcept nogil
    ctypedef unsigned int (*ck_find_f)(void *, void *, void *, ck_found_f, void *) noexcept nogil
    ctypedef struct ck_lexbor_node:
        void *node
        PyObject *parser
        int fragment_root
        int template_content

# DOM node types (lexbor's lxb_dom_node_type_t, the DOM standard's numbers).
cdef enum:
    ELEMENT = 1
    TEXT = 3

cdef ck_name_f element_qualified_name = NULL
cdef ck_attr_f element_first_attribute = NULL
cdef ck_attr_f element_next_attribute = NULL
cdef ck_name_f attr_qualified_name = NULL
cdef ck_name_f attr_value = NULL
cdef ck_remove_f node_remove = NULL
cdef ck_find_f selectors_find = NULL
cdef ck_find_f selectors_match_node = NULL
cdef ck_opt_f selectors_opt_set = NULL
cdef object node_type = None  # selectolax's LexborNode
cdef ck_parse_f selectors_parse = NULL
cdef void *css_parser = NULL  # lexbor's CSS parser, and the matcher `selectors_find` runs
cdef void *css_matcher = NULL
# lexbor's LXB_STATUS_STOP (lexbor/core/base.h): a find callback returns it to end the search.
cdef enum:
    STATUS_OK = 0
    STATUS_STOP = 0x13
    SELECTORS_OPT_DEFAULT = 0  # the root itself is not a candidate
    SELECTORS_OPT_MATCH_ROOT = 2  # it is (selectolax's css)

# lexbor tag ids, read off a parsed page in `init`: selectolax names these nodes itself.
cdef uintptr_t TAG_TEXT = 0, TAG_COMMENT = 0, TAG_DOCTYPE = 0, TAG_DOCUMENT = 0, TAG_TABLE = 0
cdef bint ready = False


def init():
    """Bind lexbor's functions in selectolax's library and check the node layout; raise when either fails."""
    global element_qualified_name, element_first_attribute, element_next_attribute, attr_qualified_name, attr_value
    global node_remove
    global TAG_TEXT, TAG_COMMENT, TAG_DOCTYPE, TAG_DOCUMENT, TAG_TABLE, ready
    import selectolax.lexbor as lexbor

    path = lexbor.__file__.encode()
    cdef void *handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD)
    if handle == NULL:
        raise ImportError(f"cannot dlopen {lexbor.__file__}")
    found = {}
    for name in (b"lxb_dom_element_qualified_name", b"lxb_dom_element_first_attribute_noi",
                 b"lxb_dom_element_next_attribute_noi", b"lxb_dom_attr_qualified_name", b"lxb_dom_attr_value_noi",
                 b"lxb_dom_node_remove"):
        address = <uintptr_t> dlsym(handle, name)
        if address == 0:
            raise ImportError(f"{name.decode()} not in {lexbor.__file__}")
        found[name] = address
    element_qualified_name = <ck_name_f> <uintptr_t> found[b"lxb_dom_element_qualified_name"]
    element_first_attribute = <ck_attr_f> <uintptr_t> found[b"lxb_dom_element_first_attribute_noi"]
    element_next_attribute = <ck_attr_f> <uintptr_t> found[b"lxb_dom_element_next_attribute_noi"]
    attr_qualified_name = <ck_name_f> <uintptr_t> found[b"lxb_dom_attr_qualified_name"]
    attr_value = <ck_name_f> <uintptr_t> found[b"lxb_dom_attr_value_noi"]
    node_remove = <ck_remove_f> <uintptr_t> found[b"lxb_dom_node_remove"]
    ready = False
    _bind_selectors(handle)
    _check(lexbor.LexborHTMLParser)
    _check_select(lexbor.LexborHTMLParser, lexbor.LexborNode)
    ready = True


cdef void *_symbol(void *handle, bytes name) except NULL:
    cdef void *address = dlsym(handle, name)
    if address == NULL:
        raise ImportError(f"{name.decode()} not in selectolax's library")
    return address


cdef _bind_selectors(void *handle):
    """A CSS parser and matcher of lexbor's own, as selectolax's LexborCSSSelector makes them."""
    global selectors_find, selectors_match_node, selectors_opt_set, selectors_parse, css_parser, css_matcher
    selectors_find = <ck_find_f> _symbol(handle, b"lxb_selectors_find")
    selectors_match_node = <ck_find_f> _symbol(handle, b"lxb_selectors_match_node")
    selectors_parse = <ck_parse_f> _symbol(handle, b"lxb_css_selectors_parse")
    selectors_opt_set = <ck_opt_f> _symbol(handle, b"lxb_selectors_opt_set_noi")
    if css_parser != NULL:  # bound by an earlier init
        return
    cdef void *parser = (<ck_create_f> _symbol(handle, b"lxb_css_parser_create"))()
    if parser == NULL or (<ck_parser_init_f> _symbol(handle, b"lxb_css_parser_init"))(parser, NULL) != STATUS_OK:
        raise RuntimeError("cannot make lexbor's CSS parser")
    cdef void *selectors = (<ck_create_f> _symbol(handle, b"lxb_css_selectors_create"))()
    if selectors == NULL or (<ck_init_f> _symbol(handle, b"lxb_css_selectors_init"))(selectors) != STATUS_OK:
        raise RuntimeError("cannot make lexbor's CSS selectors")
    (<ck_set_f> _symbol(handle, b"lxb_css_parser_selectors_set_noi"))(parser, selectors)
    cdef void *matcher = (<ck_create_f> _symbol(handle, b"lxb_selectors_create"))()
    if matcher == NULL or (<ck_init_f> _symbol(handle, b"lxb_selectors_init"))(matcher) != STATUS_OK:
        raise RuntimeError("cannot make lexbor's selector matcher")
    selectors_opt_set = <ck_opt_f> _symbol(handle, b"lxb_selectors_opt_set_noi")
    selectors_opt_set(matcher, SELECTORS_OPT_DEFAULT)
    css_parser, css_matcher = parser, matcher


cdef void *_selector_list(str query) except NULL:
    """lexbor's compiled selector list of `query` (kept for the process: one per query the kernel asks)."""
    data = query.encode()
    cdef void *found = selectors_parse(css_parser, <const unsigned char *> data, len(data))
    if found == NULL:
        raise ValueError(f"lexbor cannot parse the selector {query!r}")
    return found


cdef unsigned int _found(void *node, void *spec, void *ctx) noexcept nogil:
    (<int *> ctx)[0] += 1
    return STATUS_STOP


cdef int _matches_below(ck_node *root, void *selector_list) noexcept:
    """Whether an element strictly under `root` matches the list (lexbor's find, the root not a candidate)."""
    cdef int count = 0
    selectors_find(css_matcher, <void *> root, selector_list, _found, &count)
    return count > 0


cdef inline ck_node *_following(ck_node *node, ck_node *root) noexcept nogil:
    """The node after `node` in document order inside `root`'s subtree, or NULL past its end."""
    if node.first_child != NULL:
        return node.first_child
    while node != root and node.next == NULL:
        node = node.parent
    return NULL if node == root else node.next


cdef inline ck_node *_past(ck_node *node, ck_node *root) noexcept nogil:
    """The node after `node`'s subtree in document order inside `root`'s subtree, or NULL past its end."""
    while node != root and node.next == NULL:
        node = node.parent
    return NULL if node == root else node.next


cdef bint _named_nocase(const unsigned char *s, size_t n, list names):
    """Whether the qualified name s[:n] is one of `names` (lower-case bytes), ASCII case aside (as lexbor's tag search compares)."""
    cdef bytes name
    cdef const unsigned char *t
    cdef size_t i
    cdef unsigned char c
    if s == NULL:
        return False
    for name in names:
        if <size_t> len(name) != n:
            continue
        t = <const unsigned char *> name
        for i in range(n):
            c = s[i]
            if 65 <= c <= 90:
                c += 32
            if c != t[i]:
                break
        else:
            return True
    return False


def strip(root, list tags):
    """`tree.strip_tags(tags)` for the tree whose <html> is `root`: the elements so named leave the document, in one pass.

    selectolax searches the whole document once per tag; this walks it once. An element inside
    another that goes (a <style> in an <svg>) leaves with it instead of on its own: the document
    is the same. The tags must be lower-case, and not html, head or body (whose removal selectolax
    also notes on the document).
    """
    cdef ck_node *document = _node(root).parent
    cdef ck_node *node
    cdef ck_node *after
    cdef size_t n
    cdef const unsigned char *s
    names = [tag.encode() for tag in tags]
    if any(name != name.lower() or name in (b"html", b"head", b"body") for name in names):
        raise ValueError(f"strip cannot remove {tags}")
    if document == NULL or document.local_name != TAG_DOCUMENT:
        raise ValueError("strip needs a document's <html>")
    node = document.first_child
    while node != NULL:
        if node.type == ELEMENT:
            n = 0
            s = element_qualified_name(<void *> node, &n)
            if _named_nocase(s, n, names):
                after = _past(node, document)
                node_remove(<void *> node)
                node = after
                continue
        node = _following(node, document)


cdef ck_node *_node(object node):
    return <ck_node *> <uintptr_t> node.mem_id


cdef _check(parser_type):
    """Read a small page both ways: a layout that does not match selectolax's is an error, not a crash later."""
    global TAG_TEXT, TAG_COMMENT, TAG_DOCTYPE, TAG_DOCUMENT, TAG_TABLE
    tree = parser_type('<!DOCTYPE html><html><body><table class="k" id="t"><tr><td>ab\u00e9</td></tr></table><!--c--></body></html>')
    body = tree.body
    table = body.child
    td = table.css_first("td")
    text = td.child
    comment = table.next
    html = tree.root
    document = html.parent
    doctype = html.prev
    cdef ck_node *b = _node(body)
    cdef ck_node *t = _node(table)
    cdef ck_node *x = _node(text)
    if b.first_child != t or t.parent != b or t.next != _node(comment) or _node(td).first_child != x:
        raise RuntimeError("lexbor's node layout is not the one this kernel was built for")
    if t.type != ELEMENT or x.type != TEXT or _name(t) != b"table":
        raise RuntimeError("lexbor's node types are not the ones this kernel was built for")
    data = (<ck_chardata *> x).data
    if data.data == NULL or (<bytes> data.data[:data.length]).decode() != text.text_content:
        raise RuntimeError("lexbor's text layout is not the one this kernel was built for")
    TAG_TEXT, TAG_COMMENT, TAG_TABLE = x.local_name, _node(comment).local_name, t.local_name
    TAG_DOCUMENT, TAG_DOCTYPE = _node(document).local_name, _node(doctype).local_name
    if text.tag != "-text" or comment.tag != "-comment" or document.tag != "-document" or doctype.tag != "-doctype":
        raise RuntimeError("selectolax names nodes otherwise than this kernel expects")
    if len({TAG_TEXT, TAG_COMMENT, TAG_TABLE, TAG_DOCUMENT, TAG_DOCTYPE}) != 5:
        raise RuntimeError("lexbor's tag ids are not the ones this kernel expects")
    attrs = {}
    cdef void *attr = element_first_attribute(<void *> t)
    cdef size_t n = 0
    cdef const unsigned char *s
    while attr != NULL:
        s = attr_qualified_name(attr, &n)
        key = s[:n]
        s = attr_value(attr, &n)
        attrs[key.decode()] = s[:n].decode()
        attr = element_next_attribute(attr)
    if attrs != table.attributes:
        raise RuntimeError("lexbor's attributes read otherwise than selectolax reads them")
    # The selector search: strictly under the root, ended by the first match.
    cdef void *query = _selector_list("td, .k")
    cdef int count = 0
    selectors_find(css_matcher, <void *> b, query, _found, &count)
    if count != 1 or _matches_below(t, query) != 1 or _matches_below(_node(td), query) != 0:
        raise RuntimeError("lexbor's selector search works otherwise than this kernel expects")


cdef _check_select(parser_type, node_type_):
    """LexborNode objects made here are selectolax's own, and `select` finds what `css` finds, in its order."""
    global node_type
    tree = parser_type('<html><head><meta content=a><title>t</title></head><body><div class="byline author" id=byline>'
                       '<p id=1></p><div id=2 class=x><p id=3></p></div><META CONTENT=b><svg><title>s</title></svg></div>')
    node = tree.root
    cdef ck_lexbor_node *raw = <ck_lexbor_node *> <PyObject *> node
    if raw.node != <void *> _node(node) or raw.parser != <PyObject *> node.parser or raw.fragment_root or raw.template_content:
        raise RuntimeError("selectolax's LexborNode is not laid out as this kernel expects")
    node_type = node_type_
    for query in ('[class*="byline" i], [class*="author" i], [id*=byline i]', '.x, div, p', "meta[content]", "title",
                  "h1, p", "html", "div > p", "#byline", "[ID=byline]"):
        mine, theirs = select(node, query), tree.css(query)
        if [n.mem_id for n in mine] != [n.mem_id for n in theirs] or [n.tag for n in mine] != [n.tag for n in theirs]:
            raise RuntimeError(f"lexbor's matcher finds otherwise than selectolax's css ({query})")
    if select(node, "title", True)[0].text() != "t":
        raise RuntimeError("a LexborNode made here does not read as selectolax's")


cdef object _new_node(void *node, object parser):
    """selectolax's LexborNode for a node of `parser`'s tree (what its `LexborNode.new` does)."""
    made = node_type.__new__(node_type)
    cdef ck_lexbor_node *raw = <ck_lexbor_node *> <PyObject *> made
    cdef PyObject *old = raw.parser
    Py_INCREF(parser)
    raw.parser = <PyObject *> parser
    Py_XDECREF(old)
    raw.node = node
    raw.fragment_root = 0
    raw.template_content = 0
    return made


cdef class _Query:
    """A selector list compiled by lexbor, and the elements that can match it: those named in `tags` or with one of `attrs`."""

    cdef void *compiled
    cdef list tags, attrs  # bytes; both None: any element may match
    cdef bint any_element


cdef dict _queries = {}  # query -> _Query: parsed once a process

# One compound selector of a list: an optional type, then classes, ids and attribute tests, nothing else.
_COMPOUND = re.compile(r"([a-zA-Z][\w-]*)?((?:\.[\w-]+|#[\w-]+|\[\s*[a-zA-Z_][\w-]*\s*(?:[~|^$*]?=[^\]]*)?\])*)")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)")


cdef _Query _query(str query):
    """The compiled query, with the names that any element it matches has (read off its syntax, or none: any element)."""
    found = _queries.get(query)
    if found is not None:
        return <_Query> found
    cdef _Query q = _Query()
    q.compiled = _selector_list(query)
    tags, attrs = set(), set()
    for part in query.split(","):
        part = part.strip()
        m = _COMPOUND.fullmatch(part)
        if not part or m is None:  # a combinator, a pseudo-class, "*": any element may match
            tags = attrs = None
            break
        if m.group(1):
            tags.add(m.group(1).lower())
        elif part[0] == ".":
            attrs.add("class")
        elif part[0] == "#":
            attrs.add("id")
        else:
            attrs.add(_ATTRIBUTE.match(part).group(1).lower())
    q.any_element = tags is None
    q.tags = [t.encode() for t in sorted(tags)] if tags is not None else None
    q.attrs = [a.encode() for a in sorted(attrs)] if attrs is not None else None
    _queries[query] = q
    return q


def query_names(str query):
    """(tags, attributes) one of which every element the query matches has, as `select` reads them; (None, None): any element."""
    cdef _Query q = _query(query)
    if q.any_element:
        return None, None
    return [t.decode() for t in q.tags], [a.decode() for a in q.attrs]


cdef unsigned int _counted(void *node, void *spec, void *ctx) noexcept nogil:
    (<int *> ctx)[0] += 1
    return STATUS_OK


cdef bint _named(const unsigned char *s, size_t n, list names):
    """Whether the qualified name s[:n] is one of `names` (bytes), or has one as its local name ("xlink:type")."""
    cdef bytes name
    cdef size_t length
    if s == NULL:
        return False
    for name in names:
        length = <size_t> len(name)
        if length == n and memcmp(s, <const char *> name, n) == 0:
            return True
        if length < n and s[n - length - 1] == b':' and memcmp(s + n - length, <const char *> name, length) == 0:
            return True
    return False


cdef class _Needles:
    """Lower-case ASCII words searched for in attribute values, ASCII case aside, with the pairs of bytes that start one."""

    cdef list words  # bytes, each of two bytes or more
    cdef unsigned char starts[8192]  # bit (first byte << 8 | second byte): a word starts so

    def __init__(self, words):
        self.words = [text.encode() for text in words]
        if any(len(encoded) < 2 or encoded != encoded.lower() for encoded in self.words):
            raise ValueError(f"needles must be lower-case words of two bytes or more: {words}")
        memset(self.starts, 0, sizeof(self.starts))
        cdef bytes word
        cdef unsigned int pair
        for word in self.words:
            pair = (<unsigned char> word[0]) << 8 | (<unsigned char> word[1])
            self.starts[pair >> 3] |= 1 << (pair & 7)


cdef inline unsigned char _lower(unsigned char c) noexcept nogil:
    return c + 32 if 65 <= c <= 90 else c


cdef bint _holds_needle(void *attr, _Needles needles):
    """Whether the attribute's value holds one of the needles, ASCII case aside."""
    cdef size_t n = 0, i, j, m
    cdef const unsigned char *s = attr_value(attr, &n)
    cdef const unsigned char *t
    cdef unsigned int pair
    cdef bytes word
    if s == NULL or n < 2:
        return False
    for i in range(n - 1):
        pair = _lower(s[i]) << 8 | _lower(s[i + 1])
        if not (needles.starts[pair >> 3] >> (pair & 7)) & 1:
            continue
        for word in needles.words:
            m = <size_t> len(word)
            if m > n - i:
                continue
            t = <const unsigned char *> word
            for j in range(m):
                if _lower(s[i + j]) != t[j]:
                    break
            else:
                return True
    return False


cdef int _matches(_Query q, ck_node *node, _Needles needles=None):
    """How many selectors of the query match the element (lexbor's matcher), asked only where one can.

    With `needles`, an element that only one of the query's attributes names is asked when that
    attribute's value holds a needle.
    """
    cdef size_t n = 0
    cdef const unsigned char *s
    cdef void *attr
    cdef bint candidate = q.any_element
    cdef int count = 0
    if not candidate and q.tags:
        s = element_qualified_name(<void *> node, &n)
        candidate = _named(s, n, q.tags)
    if not candidate and q.attrs:
        attr = element_first_attribute(<void *> node)
        while attr != NULL and not candidate:
            n = 0
            s = attr_qualified_name(attr, &n)
            candidate = _named(s, n, q.attrs) and (needles is None or _holds_needle(attr, needles))
            attr = element_next_attribute(attr)
    if candidate:
        selectors_match_node(css_matcher, <void *> node, q.compiled, _counted, &count)
    return count


cdef struct Found:
    void **nodes
    Py_ssize_t count, cap
    bint failed


cdef unsigned int _collect(void *node, void *spec, void *ctx) noexcept nogil:
    cdef Found *found = <Found *> ctx
    cdef void **grown
    if found.count == found.cap:
        grown = <void **> realloc(found.nodes, max(16, found.cap * 2) * sizeof(void *))
        if grown == NULL:
            found.failed = True
            return STATUS_STOP
        found.nodes, found.cap = grown, max(16, found.cap * 2)
    found.nodes[found.count] = node
    found.count += 1
    return STATUS_OK


def select(node, str query, bint first=False, tuple needles=None):
    """`node.css(query)` (its first match only, with `first`).

    A query whose every selector names its element's type is run in one pass in C that asks
    lexbor's matcher only of elements of those types; any other, by lexbor's own search over
    the node and its descendants, as selectolax runs it. A node matched by n selectors of the
    list is listed n times, as lexbor's search lists it.
    `needles` (lower-case ASCII words) say that each selector of the query that names no type
    needs one of them in the value of its attribute, ASCII case aside ('[class*="byline" i]'):
    the pass in C then asks the matcher only of elements of the query's types and of elements
    with such a value, fewer than lexbor's search tries.
    """
    cdef _Query q = _query(query)
    cdef ck_node *root = _node(node)
    cdef ck_node *current = root
    cdef int count, i
    cdef Found found_nodes
    parser = node.parser
    found = []
    cdef _Needles words = _Needles(needles) if needles is not None else None
    if q.any_element or (q.attrs and words is None):  # most elements may match: lexbor's search is cheaper than asking each
        found_nodes.nodes, found_nodes.count, found_nodes.cap, found_nodes.failed = NULL, 0, 0, False
        selectors_opt_set(css_matcher, SELECTORS_OPT_MATCH_ROOT)
        selectors_find(css_matcher, <void *> root, q.compiled, _collect, &found_nodes)
        selectors_opt_set(css_matcher, SELECTORS_OPT_DEFAULT)
        try:
            if found_nodes.failed:
                raise MemoryError
            for i in range(found_nodes.count if not first else min(1, found_nodes.count)):
                found.append(_new_node(found_nodes.nodes[i], parser))
        finally:
            free(found_nodes.nodes)
        return found
    while current != NULL:
        if current.type == ELEMENT:
            count = _matches(q, current, words)
            if count:
                made = _new_node(<void *> current, parser)
                if first:
                    return [made]
                for i in range(count):
                    found.append(made)
        current = _following(current, root)
    return found


cdef bytes _name(ck_node *node):
    cdef size_t n = 0
    cdef const unsigned char *s = element_qualified_name(<void *> node, &n)
    return s[:n] if s != NULL else b""


# --- per-walk tables ----------------------------------------------------------------------

cdef struct Tag:
    const unsigned char *key  # lexbor's name string (one per tag in a document), or a marker
    size_t length
    Py_ssize_t name  # index in _Walk.names
    bint skip, breaks, cell, br, brhr, article, link, tr, structure, one_line, figcaption
    PyObject *chrome  # CHROME_TAGS' label, or NULL
    PyObject *page_chrome  # PAGE_TAGS' label, or NULL


cdef struct Frame:
    ck_node *next  # the next child to visit
    Py_ssize_t tag, eid, depth, hint, hinted, sure
    bint in_article, in_link
    Py_ssize_t block_tag, block_id, block_depth, block_hint, block_hinted, block_sure
    Py_ssize_t ctx  # index in _Walk.ctxs
    bint pre, row, quote  # "`", "t", ">" in ctx


# Markers for the nodes selectolax names itself (their tag is not an element's name).
cdef unsigned char MARK_COMMENT = 0, MARK_DOCTYPE = 0, MARK_DOCUMENT = 0

# --- `_hints` of ASCII values, in C ------------------------------------------------------------

# `cleaner.html._hints` without its regexes, where class, id and role are ASCII (else the Python
# function answers): each pattern is matched as the strings it spells (`html._spellings`), which
# is what the regex matches, byte for byte. A cold start reads every value for the first time:
# the regexes were an eighth of a cold pass over the 181 Scrapinghub pages (380 of 2,800 million
# instructions, for about 8,000 values); spelled out here, a fiftieth (47 of 2,450 million).

cdef unsigned char WORD[256]  # the ASCII bytes `re` reads as \w in a str (the others never reach it)


cdef int _words() except -1:
    cdef int c
    for c in range(256):
        WORD[c] = c < 128 and (chr(c).isalnum() or c == 95)
    return 0


_words()


cdef inline bint _boundary(const unsigned char *w, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """`\\b` at w[i], as `re` has it: never in an empty string."""
    cdef bint here = i < n and WORD[w[i]] != 0
    cdef bint before = i > 0 and WORD[w[i - 1]] != 0
    return n > 0 and here != before


cdef struct Spelling:
    const unsigned char *text
    Py_ssize_t length
    uint64_t bounds  # bit i: the pattern asserts a word boundary before the i-th byte
    int group  # the index of its pattern


cdef class _Spellings:
    """The strings some patterns spell (`html._spellings`), by first byte, each byte's in pattern order, then as each pattern tries them."""

    cdef Spelling *items
    cdef Py_ssize_t start[257]  # items[start[b]:start[b + 1]] begin with byte b
    cdef list texts  # the bytes the items point into

    def __cinit__(self, groups):
        cdef list flat = [(spelling.encode("ascii"), bounds, group) for group, spelled in enumerate(groups)
                          for spelling, bounds in spelled]
        flat.sort(key=lambda item: item[0][0])  # stable: pattern order, and each pattern's own, stay
        self.items = <Spelling *> malloc(max(1, len(flat)) * sizeof(Spelling))
        if self.items == NULL:
            raise MemoryError
        self.texts = [item[0] for item in flat]
        cdef Py_ssize_t i, b = 0
        cdef bytes text
        for i, (text, bounds, group) in enumerate(flat):
            self.items[i].text = <const unsigned char *> text
            self.items[i].length = len(text)
            self.items[i].bounds = bounds
            self.items[i].group = group
            while b <= text[0]:
                self.start[b] = i
                b += 1
        while b <= 256:
            self.start[b] = len(flat)
            b += 1

    def __dealloc__(self):
        free(self.items)

    cdef inline Py_ssize_t first_at(self, const unsigned char *w, Py_ssize_t n, Py_ssize_t p) noexcept nogil:
        """The first item that matches w at p, or -1."""
        cdef Py_ssize_t i
        for i in range(self.start[w[p]], self.start[w[p] + 1]):
            if _fits(&self.items[i], w, n, p):
                return i
        return -1

    cdef inline int first(self, const unsigned char *w, Py_ssize_t n) noexcept nogil:
        """The pattern of the leftmost match in w (`re.search` of the patterns joined by "|"), or -1."""
        cdef Py_ssize_t p, i
        for p in range(n):
            i = self.first_at(w, n, p)
            if i >= 0:
                return self.items[i].group
        return -1


cdef inline bint _fits(const Spelling *s, const unsigned char *w, Py_ssize_t n, Py_ssize_t p) noexcept nogil:
    """Whether s, which begins with w[p] (it is in the bucket of w[p]), matches w at p, its word boundaries too."""
    cdef uint64_t bounds = s.bounds
    cdef Py_ssize_t j
    if p + s.length > n:
        return False
    for j in range(1, s.length):  # byte by byte: the strings are short, and most differ at their second byte
        if w[p + j] != s.text[j]:
            return False
    j = p
    while bounds:
        if bounds & 1 and not _boundary(w, n, j):
            return False
        bounds >>= 1
        j += 1
    return True


cdef inline bint _word_dash(unsigned char c) noexcept nogil:
    return WORD[c] or c == 45


cdef inline bint _space(unsigned char c) noexcept nogil:
    """ASCII whitespace as `str.split` has it."""
    return c == 32 or 9 <= c <= 13 or 28 <= c <= 31


cdef class _Hinter:
    """`html._hints` on ASCII values: `_word_hint` word by word, then `_POSITIVE`, from the module's patterns spelled out."""

    cdef _Spellings hint, modifier, positive
    cdef list answers  # per category: (name, False), (name, True)
    cdef tuple none
    cdef unsigned char *buf
    cdef Py_ssize_t cap

    def __cinit__(self, html):
        self.hint = _Spellings(html._HINT_SPELLINGS)
        self.modifier = _Spellings([html._MODIFIER_SPELLINGS])
        self.positive = _Spellings([html._POSITIVE_SPELLINGS])
        self.answers = [((name, False), (name, True)) for name in html._HINT_NAMES]
        self.none = ("", False)
        self.buf = NULL
        self.cap = 0

    def __dealloc__(self):
        free(self.buf)

    cdef int word_hint(self, const unsigned char *w, Py_ssize_t n, unsigned char *out) noexcept nogil:
        """`_word_hint` of a lower-cased word w: its category's index, or -1. `out` has room for n bytes."""
        cdef Py_ssize_t p = 0, m = 0, i, end
        cdef const Spelling *head
        if memchr(w, 45, n) == NULL:
            return self.hint.first(w, n)
        # `_MODIFIER.sub(" ", w)`: the first head at p that a byte of `[\w-]` follows, and all the `[\w-]`
        # after it, become a space; boundaries are read on w, as `re.sub` reads them.
        while p < n:
            head = NULL
            for i in range(self.modifier.start[w[p]], self.modifier.start[w[p] + 1]):
                if p + self.modifier.items[i].length < n and _fits(&self.modifier.items[i], w, n, p) \
                        and _word_dash(w[p + self.modifier.items[i].length]):
                    head = &self.modifier.items[i]
                    break
            if head == NULL:
                out[m] = w[p]
                m += 1
                p += 1
                continue
            end = p + head.length
            while end < n and _word_dash(w[end]):
                end += 1
            out[m] = 32
            m += 1
            p = end
        return self.hint.first(out, m)

    cdef object of(self, const unsigned char *k, Py_ssize_t kn, const unsigned char *d, Py_ssize_t dn,
                   const unsigned char *r, Py_ssize_t rn):
        """`_hints(class, id, role)` of the values' UTF-8 (NULL: None), or None when one is not ASCII."""
        cdef Py_ssize_t i, at, stop, start, ends, kept = 0, need
        cdef int found
        cdef unsigned char c
        cdef unsigned char *buf
        cdef const unsigned char *values[3]
        cdef Py_ssize_t lengths[3]
        cdef Py_ssize_t starts[3]
        values[0], values[1], values[2] = k, d, r
        lengths[0], lengths[1], lengths[2] = kn, dn, rn
        for i in range(3):
            if values[i] != NULL and not _ascii(values[i], lengths[i]):
                return None
        # Lower-cased: f"{class} {id}" (where `_POSITIVE` searches, "None" for a value absent), " ", role;
        # then room for a word with its modifiers replaced.
        need = 2 * (kn + dn + rn + 10)
        if need > self.cap:
            buf = <unsigned char *> realloc(self.buf, need)
            if buf == NULL:
                raise MemoryError
            self.buf, self.cap = buf, need
        buf = self.buf
        at = 0
        for i in range(3):
            starts[i] = at
            if values[i] == NULL:
                if i < 2:
                    memcpy(buf + at, b"none", 4)
                    at += 4
            else:
                for stop in range(lengths[i]):
                    buf[at + stop] = _lower(values[i][stop])
                at += lengths[i]
            if i == 1:
                kept = at  # the end of f"{class} {id}"
            buf[at] = 32
            at += 1
        for i in range(3):
            if values[i] == NULL:
                continue
            start, ends = starts[i], starts[i] + lengths[i]
            while start < ends:
                c = buf[start]
                if _space(c):
                    start += 1
                    continue
                stop = start + 1
                while stop < ends and not _space(buf[stop]):
                    stop += 1
                found = self.word_hint(buf + start, stop - start, buf + at)
                if found >= 0:
                    return self.answers[found][self.positive.first(buf, kept) >= 0]
                start = stop
        return self.none


cdef inline bint _ascii(const unsigned char *s, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n):
        if s[i] >= 128:
            return False
    return True


cdef object R = None  # the Python module's rules and tables (cleaner.html), bound at the first walk


cdef class _Rules:
    """What the walk reads from `cleaner.html` and `cleaner.rules`."""

    cdef object skip, breaks, cells, one_line, heading_kinds, context, structure, article_tags
    cdef object chrome_tags, page_tags, soft_hints, sure_hints
    cdef object hints, hidden, kind, in_page, page_type, blowup, body, cell
    cdef _Query markers  # ARTICLE_MARKERS
    cdef _Needles marker_words  # _MARKER_WORDS
    cdef _Hinter hinter  # `hints` in C, None where a pattern is not spelled out (`html._spellings`)

    def __init__(self, html):
        self.skip, self.breaks, self.cells, self.one_line = html._SKIP, html._BREAKS, html._CELLS, html._ONE_LINE
        self.heading_kinds, self.context, self.structure = html._HEADING_KINDS, html._CONTEXT, html._STRUCTURE
        self.article_tags, self.chrome_tags, self.page_tags = html._ARTICLE_TAGS, html.CHROME_TAGS, html.PAGE_TAGS
        self.soft_hints, self.sure_hints = html.SOFT_HINTS, html.SURE_HINTS
        self.hints, self.hidden, self.kind, self.in_page = html._hints, html._hidden, html._kind, html._IN_PAGE.match
        self.markers = _query(html.ARTICLE_MARKERS)
        self.marker_words = _Needles(html._MARKER_WORDS)
        spelled = [*html._HINT_SPELLINGS, html._MODIFIER_SPELLINGS, html._POSITIVE_SPELLINGS]
        self.hinter = _Hinter(html) if all(spelling is not None for spelling in spelled) else None
        self.page_type, self.blowup = html._Page, html._Blowup
        self.body, self.cell = html.BODY, html._CELL


cdef inline bint _ascii_space(const unsigned char *s, size_t n) noexcept nogil:
    """Whether n > 0 ASCII bytes are all whitespace as `str.isspace` has it (False: decode and ask Python)."""
    cdef size_t i
    cdef unsigned char c
    for i in range(n):
        c = s[i]
        if not (c == 32 or 9 <= c <= 13 or 28 <= c <= 31):
            return False
    return n > 0


cdef Py_ssize_t _utf8_chars(const unsigned char *s, size_t n) noexcept nogil:
    """Characters of valid UTF-8 (as Python's strict decoder has it), or -1 when it is not valid."""
    cdef size_t i = 0
    cdef Py_ssize_t chars = 0
    cdef unsigned char c, c1
    while i < n:
        c = s[i]
        if c < 0x80:
            i += 1
        elif c < 0xC2:
            return -1
        elif c < 0xE0:
            if i + 1 >= n or (s[i + 1] & 0xC0) != 0x80:
                return -1
            i += 2
        elif c < 0xF0:
            if i + 2 >= n:
                return -1
            c1 = s[i + 1]
            if (c1 & 0xC0) != 0x80 or (s[i + 2] & 0xC0) != 0x80:
                return -1
            if (c == 0xE0 and c1 < 0xA0) or (c == 0xED and c1 >= 0xA0):  # overlong; surrogate
                return -1
            i += 3
        elif c < 0xF5:
            if i + 3 >= n:
                return -1
            c1 = s[i + 1]
            if (c1 & 0xC0) != 0x80 or (s[i + 2] & 0xC0) != 0x80 or (s[i + 3] & 0xC0) != 0x80:
                return -1
            if (c == 0xF0 and c1 < 0x90) or (c == 0xF4 and c1 >= 0x90):  # overlong; past U+10FFFF
                return -1
            i += 4
        else:
            return -1
        chars += 1
    return chars


# --- `_hints` by the raw values --------------------------------------------------------------

# `cleaner.html._hints` of (class, id, role), kept by their bytes as lexbor holds them: an element
# whose values were met before costs a hash and a compare, not three strs and a call of the
# Python cache (whose keys are those strs). The answers are the Python function's own.
cdef struct HintEntry:
    unsigned char *key  # malloc'd copy of the key bytes, NULL: a free slot
    size_t length
    uint64_t hash
    PyObject *value  # the (category, positive) tuple `_hints` returned, owned here

cdef HintEntry *hint_table = NULL
cdef size_t hint_slots = 0, hint_used = 0
cdef enum:
    HINT_SLOTS = 32768  # at most half used: as many entries as `_hints`' own cache holds, then it starts over


def clear_hints():
    """Forget the `_hints` answers kept by raw values (with `cleaner.html._hints.cache_clear()`: a cold start)."""
    global hint_used
    cdef size_t i
    if hint_table == NULL:
        return
    for i in range(hint_slots):
        if hint_table[i].key != NULL:
            free(hint_table[i].key)
            Py_XDECREF(hint_table[i].value)
            hint_table[i].key = NULL
            hint_table[i].value = NULL
    hint_used = 0


def hints_kept():
    """How many `_hints` answers are kept by raw values (tests)."""
    return hint_used


cdef object _hinter_of(_Hinter hinter, void *a_class, void *a_id, void *a_role):
    """`_Hinter.of` the elements' attributes (NULL, or an attribute without a value: None)."""
    cdef size_t kn = 0, dn = 0, rn = 0
    cdef const unsigned char *k = attr_value(a_class, &kn) if a_class != NULL else NULL
    cdef const unsigned char *d = attr_value(a_id, &dn) if a_id != NULL else NULL
    cdef const unsigned char *r = attr_value(a_role, &rn) if a_role != NULL else NULL
    return hinter.of(k, kn, d, dn, r, rn)


def hints(klass, id_, role):
    """`html._hints(klass, id_, role)` as the walk has it in C, or None where it asks the Python function (tests)."""
    global R
    if R is None:
        import cleaner.html

        R = _Rules(cleaner.html)
    cdef _Hinter hinter = (<_Rules> R).hinter
    if hinter is None:
        return None
    values = [value.encode("utf-8", "surrogatepass") if value is not None else None for value in (klass, id_, role)]
    k, d, r = values
    return hinter.of(<const unsigned char *> k if k is not None else NULL, len(k) if k is not None else 0,
                     <const unsigned char *> d if d is not None else NULL, len(d) if d is not None else 0,
                     <const unsigned char *> r if r is not None else NULL, len(r) if r is not None else 0)


cdef int _key_part(unsigned char *key, size_t *at, void *attr) noexcept:
    """Append one attribute's value to a key: 0 when absent (or without value), else 1, its length and its bytes."""
    cdef size_t n = 0
    cdef const unsigned char *s = attr_value(attr, &n) if attr != NULL else NULL
    if s == NULL:
        key[at[0]] = 0
        at[0] += 1
        return 0
    key[at[0]] = 1
    memcpy(key + at[0] + 1, &n, sizeof(size_t))
    memcpy(key + at[0] + 1 + sizeof(size_t), s, n)
    at[0] += 1 + sizeof(size_t) + n
    return 0


cdef size_t _value_length(void *attr) noexcept:
    cdef size_t n = 0
    if attr == NULL or attr_value(attr, &n) == NULL:
        return 0
    return n


cdef class _Walk:
    """One walk's state: the Python walk's frame variables and closures' cells, as fields."""

    cdef _Rules r
    cdef object page, raw, page_cells
    cdef list texts, tags, depths, hints, labels, rules, kinds, parent, end
    cdef list kept, link_density, element, hinted_col, sure_col, parts, cells
    cdef list names, hint_pool, ctxs
    cdef Py_ssize_t limit, row_chars, budget, link_chars, row_start, broken
    cdef bint comments, captions, fresh_item, has_budget
    # The current frame, and the stack of the open elements' frames.
    cdef Frame f
    cdef Frame *stack
    cdef Py_ssize_t sp, cap
    cdef Tag *tag_table  # the tags met, in order met: a frame holds an index here
    cdef Py_ssize_t *slots  # open addressing on lexbor's name pointers: an index in tag_table, or -1
    cdef Py_ssize_t tag_slots, tag_count
    # The bytes of a subtree's text (`_text`).
    cdef unsigned char *buf
    cdef size_t buf_len, buf_cap
    cdef unsigned char *key  # a `hints` key
    cdef size_t key_cap

    def __cinit__(self):
        self.stack = NULL
        self.tag_table = NULL
        self.slots = NULL
        self.buf = NULL
        self.key = NULL
        self.key_cap = 0

    def __dealloc__(self):
        free(self.stack)
        free(self.tag_table)
        free(self.slots)
        free(self.buf)
        free(self.key)

    # --- tags ---------------------------------------------------------------------------------

    cdef Py_ssize_t tag_of(self, ck_node *node) except -2:
        """Index in `tag_table` of the node's tag as selectolax's `LexborNode.tag` names it; -1 for None (text is handled apart)."""
        cdef uintptr_t tid = node.local_name
        cdef const unsigned char *key
        cdef size_t n = 0
        cdef object name
        if tid == TAG_COMMENT:
            key, n, name = &MARK_COMMENT, 0, "-comment"
        elif tid == TAG_DOCTYPE:
            key, n, name = &MARK_DOCTYPE, 0, "-doctype"
        elif tid == TAG_DOCUMENT:
            key, n, name = &MARK_DOCUMENT, 0, "-document"
        elif node.type != ELEMENT:
            return -1
        else:
            key = element_qualified_name(<void *> node, &n)
            if key == NULL:
                return -1
            name = None
        cdef size_t mask = <size_t> self.tag_slots - 1
        cdef size_t slot = ((<uintptr_t> key) >> 3) & mask
        cdef Py_ssize_t entry
        while self.slots[slot] >= 0:
            entry = self.slots[slot]
            if self.tag_table[entry].key == key:
                return entry
            slot = (slot + 1) & mask
        if name is None:
            name = PyUnicode_DecodeUTF8(<const char *> key, n, "replace")
        if (self.tag_count + 1) * 2 > self.tag_slots:
            self.grow_tags()
            return self.tag_of(node)
        # Entries keep their index for the walk (frames hold it); the slots only point at them.
        entry = self.tag_count
        self.tag_count += 1
        self.slots[slot] = entry
        self.fill(&self.tag_table[entry], key, n, name)
        return entry

    cdef int grow_tags(self) except -1:
        """Twice the slots, and room for as many entries (the table stays at most half full)."""
        cdef Py_ssize_t slots = self.tag_slots * 2, i
        cdef size_t slot, mask = <size_t> slots - 1
        cdef Py_ssize_t *new_slots = <Py_ssize_t *> malloc(slots * sizeof(Py_ssize_t))
        if new_slots == NULL:
            raise MemoryError
        cdef Tag *entries = <Tag *> realloc(self.tag_table, slots * sizeof(Tag))
        if entries == NULL:
            free(new_slots)
            raise MemoryError
        self.tag_table = entries
        for i in range(slots):
            new_slots[i] = -1
        for i in range(self.tag_count):
            slot = ((<uintptr_t> entries[i].key) >> 3) & mask
            while new_slots[slot] >= 0:
                slot = (slot + 1) & mask
            new_slots[slot] = i
        free(self.slots)
        self.slots, self.tag_slots = new_slots, slots
        return 0

    cdef int fill(self, Tag *t, const unsigned char *key, size_t n, str name) except -1:
        cdef _Rules r = self.r
        t.key, t.length = key, n
        t.name = len(self.names)
        self.names.append(name)
        t.skip = name in r.skip
        t.breaks = name in r.breaks
        t.cell = name in r.cells
        t.br = name == "br"
        t.brhr = name == "br" or name == "hr"
        t.article = name in r.article_tags
        t.link = name == "a"
        t.tr = name == "tr"
        t.structure = name in r.structure
        t.one_line = name in r.one_line
        t.figcaption = name == "figcaption"
        chrome = r.chrome_tags.get(name)
        page_chrome = r.page_tags.get(name)
        self.names.append(chrome)  # kept alive with the names
        self.names.append(page_chrome)
        t.chrome = <PyObject *> chrome if chrome else NULL
        t.page_chrome = <PyObject *> page_chrome if page_chrome else NULL
        return 0

    cdef inline object name(self, Py_ssize_t tag):
        return self.names[self.tag_table[tag].name] if tag >= 0 else None

    # --- text ---------------------------------------------------------------------------------

    cdef int gather(self, ck_node *root, bint spaced) except -1:
        """The bytes of the text nodes under `root` into `buf`, as selectolax's `text(deep=True)` joins them."""
        cdef ck_node *node = root.first_child
        cdef ck_str *data
        cdef Py_ssize_t count = 0
        self.buf_len = 0
        while node != NULL:
            if node.local_name == TAG_TEXT:
                data = &(<ck_chardata *> node).data
                if data.data != NULL:
                    if spaced and count:
                        self.append(<const unsigned char *> b" ", 1)
                    self.append(data.data, data.length)
                    count += 1
            node = _following(node, root)
        return 0

    cdef int append(self, const unsigned char *data, size_t n) except -1:
        cdef size_t need = self.buf_len + n, cap
        cdef unsigned char *grown
        if need > self.buf_cap:
            cap = max(need, self.buf_cap * 2, 4096)
            grown = <unsigned char *> realloc(self.buf, cap)
            if grown == NULL:
                raise MemoryError
            self.buf, self.buf_cap = grown, cap
        if n:
            memcpy(self.buf + self.buf_len, data, n)
        self.buf_len = need
        return 0

    cdef Py_ssize_t text_len(self, ck_node *node, Py_ssize_t cap) except -1:
        """min(len(node.text(deep=True)), cap): the text nodes' characters counted where lexbor holds them, up to `cap`.

        The rules only ask whether the length is under a bound, and a page-wide wrapper's text
        need not be read to its end for that. Text is valid UTF-8 as lexbor holds it; where a node
        is not, the bytes are joined and decoded as before, which the count so far cannot change:
        the valid nodes before decode alike at their boundary.
        """
        cdef ck_node *current = node.first_child
        cdef ck_str *data
        cdef Py_ssize_t total = 0, chars
        while current != NULL:
            if current.local_name == TAG_TEXT:
                data = &(<ck_chardata *> current).data
                if data.data != NULL:
                    chars = _utf8_chars(data.data, data.length)
                    if chars < 0:
                        self.gather(node, False)
                        chars = _utf8_chars(self.buf, self.buf_len)
                        if chars < 0:
                            chars = len(PyUnicode_DecodeUTF8(<const char *> self.buf, self.buf_len, "replace"))
                        return min(chars, cap)
                    total += chars
                    if total >= cap:
                        return cap
            current = _following(current, node)
        return total

    cdef str deep_text(self, ck_node *node):
        """node.text(deep=True, separator=" ")."""
        self.gather(node, True)
        if self.buf_len == 0:
            return ""
        return PyUnicode_DecodeUTF8(<const char *> self.buf, self.buf_len, "replace")

    # --- attributes ---------------------------------------------------------------------------

    cdef object value(self, void *attr):
        """An attribute's value as selectolax gives it (None when it has none)."""
        cdef size_t n = 0
        cdef const unsigned char *s
        if attr == NULL:
            return None
        s = attr_value(attr, &n)
        if s == NULL:
            return None
        return PyUnicode_DecodeUTF8(<const char *> s, n, "replace")

    cdef object hint_of(self, void *a_class, void *a_id, void *a_role):
        """`_hints(class, id, role)` of the element, kept by the values' bytes (see `HintEntry`)."""
        global hint_table, hint_slots, hint_used
        cdef size_t need = 3 * (1 + sizeof(size_t)) + _value_length(a_class) + _value_length(a_id) + _value_length(a_role)
        cdef size_t at = 0, slot, i
        cdef uint64_t h = 14695981039346656037ULL
        cdef unsigned char *key
        cdef HintEntry *entry
        if hint_table == NULL:
            hint_table = <HintEntry *> calloc(HINT_SLOTS, sizeof(HintEntry))
            if hint_table == NULL:
                raise MemoryError
            hint_slots = HINT_SLOTS
        if need > self.key_cap:
            key = <unsigned char *> realloc(self.key, max(need, 2 * self.key_cap, 256))
            if key == NULL:
                raise MemoryError
            self.key, self.key_cap = key, max(need, 2 * self.key_cap, 256)
        key = self.key
        _key_part(key, &at, a_class)
        _key_part(key, &at, a_id)
        _key_part(key, &at, a_role)
        for i in range(at):  # FNV-1a
            h = (h ^ key[i]) * 1099511628211ULL
        slot = <size_t> (h & (hint_slots - 1))
        while hint_table[slot].key != NULL:
            entry = &hint_table[slot]
            if entry.hash == h and entry.length == at and memcmp(entry.key, key, at) == 0:
                return <object> entry.value
            slot = (slot + 1) & (hint_slots - 1)
        found = None
        if self.r.hinter is not None:
            found = _hinter_of(self.r.hinter, a_class, a_id, a_role)
        if found is None:
            found = self.r.hints(self.value(a_class), self.value(a_id), self.value(a_role))
        if (hint_used + 1) * 2 > hint_slots:  # full: start over (an entry found again costs one call)
            clear_hints()
            slot = <size_t> (h & (hint_slots - 1))
        entry = &hint_table[slot]
        entry.key = <unsigned char *> malloc(at if at else 1)
        if entry.key == NULL:
            raise MemoryError
        memcpy(entry.key, key, at)
        entry.length, entry.hash = at, h
        Py_INCREF(found)
        entry.value = <PyObject *> found
        hint_used += 1
        return found

    cdef dict attributes(self, ck_node *node):
        """node.attributes."""
        cdef dict attrs = {}
        cdef void *attr = element_first_attribute(<void *> node)
        cdef size_t n = 0
        cdef const unsigned char *s
        while attr != NULL:
            n = 0
            s = attr_qualified_name(attr, &n)
            key = PyUnicode_DecodeUTF8(<const char *> s, n, "replace") if s != NULL else ""
            attrs[key] = self.value(attr)
            attr = element_next_attribute(attr)
        return attrs

    # --- blocks (the Python walk's closures) --------------------------------------------------

    cdef int flush(self, bint row_end=False) except -1:
        cdef _Rules r = self.r
        joined = "".join(self.parts)
        cdef Py_ssize_t links = self.link_chars
        self.parts, self.link_chars = [], 0
        cdef bint joins = self.broken == self.f.block_id
        self.broken = -1
        if self.cells:
            marks, self.cells = self.cells, []
            return self.flush_row(joined, links, marks, row_end and self.row_start == PyList_GET_SIZE(self.texts))
        text = ck_squeeze(joined)
        if text:
            block_tag = self.name(self.f.block_tag)
            if joins:
                kind = ">j" if self.f.quote else "j"
            elif self.f.ctx:
                kind = r.kind(block_tag, self.ctxs[self.f.ctx], self.fresh_item)
                self.fresh_item = False
                if kind.endswith("pre"):
                    self.raw[PyList_GET_SIZE(self.texts)] = joined.strip("\n")
            else:
                kind = r.heading_kinds.get(block_tag, "")
            self.add(text, block_tag, kind, links, self.f.block_id, self.hint_pool[self.f.block_hint],
                     self.f.block_hinted, self.f.block_sure)
        return 0

    cdef int flush_row(self, str joined, Py_ssize_t links, list marks, bint whole) except -1:
        """A table row as one block when it is whole; else (a cell held blocks) each cell's text as a block."""
        pieces = [ck_squeeze(piece) for piece in joined.split(self.r.cell)]
        if whole:
            row = pieces if pieces[0] else pieces[1:]
            text = "\t".join(filter(None, row))
            if text:
                self.page_cells[PyList_GET_SIZE(self.texts)] = row
                self.add(text, "tr", "tr", links, self.f.block_id, self.hint_pool[self.f.block_hint],
                         self.f.block_hinted, self.f.block_sure)
            return 0
        starts = [(0, self.f.block_id, self.hint_pool[self.f.block_hint], self.f.block_hinted, self.f.block_sure), *marks]
        ends = [mark[0] for mark in marks] + [links]
        for text, (start, element, hint_, hinted_, sure_), stop in zip(pieces, starts, ends):
            if text:
                self.add(text, "td", "", stop - start, element, hint_, hinted_, sure_)
        return 0

    cdef int add(self, str text, str tag, str kind, Py_ssize_t links, Py_ssize_t element, str hint_,
                 Py_ssize_t hinted_, Py_ssize_t sure_) except -1:
        """One kept block, to classify: its text, tag, kind and DOM features."""
        self.kept.append(PyList_GET_SIZE(self.texts))
        self.texts.append(text)
        self.tags.append(tag)
        self.depths.append(self.f.block_depth)
        self.hints.append(hint_)
        self.labels.append(self.r.body)
        self.rules.append("")
        self.kinds.append(kind)
        self.link_density.append(min(1.0, <double> links / <double> len(text)))
        self.element.append(element)
        self.hinted_col.append(hinted_)
        self.sure_col.append(sure_)
        return 0

    cdef int prune(self, ck_node *node, object label, str rule, object tag) except -1:
        text = ck_squeeze(self.deep_text(node))
        if text:
            self.texts.append(text)
            self.tags.append(tag)
            self.depths.append(self.f.depth + 1)
            self.hints.append(label)
            self.labels.append(label)
            self.rules.append(rule)
            self.kinds.append("")
        return 0

    cdef bint holds_article(self, ck_node *node) except -1:
        """Whether an article marker is under the node: `node.mem_id in _article_holders(body)`, asked of this node only.

        One pass in C over the subtree that asks lexbor's matcher only of <article> elements and of
        elements whose class, itemprop or itemtype holds one of `_MARKER_WORDS` (lexbor's own
        search tried every selector of the list on every element).
        """
        cdef ck_node *below = node.first_child
        while below != NULL:
            if below.type == ELEMENT and _matches(self.r.markers, below, self.r.marker_words):
                return True
            below = _following(below, node)
        return False

    cdef bint has_table(self, ck_node *root) noexcept:
        """node.css_first("table") is not None: an element named table under `root`."""
        cdef ck_node *node = root.first_child
        while node != NULL:
            if node.local_name == TAG_TABLE and node.type == ELEMENT:
                return True
            node = _following(node, root)
        return False

    cdef int push(self) except -1:
        cdef Frame *grown
        if self.sp == self.cap:
            grown = <Frame *> realloc(self.stack, max(64, self.cap * 2) * sizeof(Frame))
            if grown == NULL:
                raise MemoryError
            self.stack, self.cap = grown, max(64, self.cap * 2)
        self.stack[self.sp] = self.f
        self.sp += 1
        return 0

    # --- the walk -----------------------------------------------------------------------------

    cdef int run(self, ck_node *body) except -1:
        cdef _Rules r = self.r
        cdef ck_node *child
        cdef ck_str *data
        cdef Py_ssize_t ti, new, parts_before
        cdef Tag *t
        cdef void *attr
        cdef void *a_class
        cdef void *a_id
        cdef void *a_role
        cdef void *a_href
        cdef bint has_attrs, hides, chrome_hint, is_block, positive
        cdef size_t n
        cdef const unsigned char *s
        cdef PyObject *chrome
        cdef list parent = self.parent, end = self.end
        space = " "
        empty = ""
        ti = self.tag_of(body)
        self.f.next = body.first_child
        self.f.tag, self.f.eid, self.f.depth, self.f.hint, self.f.hinted, self.f.sure = ti, 0, 0, 0, -1, -1
        self.f.in_article = self.f.in_link = False
        self.f.block_tag, self.f.block_id, self.f.block_depth = ti, 0, 0
        self.f.block_hint, self.f.block_hinted, self.f.block_sure = 0, -1, -1
        self.f.ctx = 0
        self.f.pre = self.f.row = self.f.quote = False
        while True:
            child = self.f.next
            if child == NULL:  # the element ends
                if self.parts and self.f.tag >= 0 and self.tag_table[self.f.tag].breaks and (
                        self.tag_table[self.f.tag].tr or not self.f.row):
                    self.flush(self.tag_table[self.f.tag].tr)
                end[self.f.eid] = PyList_GET_SIZE(parent) - 1
                if self.sp == 0:
                    break
                self.sp -= 1
                self.f = self.stack[self.sp]
                continue
            self.f.next = child.next
            if child.local_name == TAG_TEXT:
                text = None
                if child.type == TEXT:
                    data = &(<ck_chardata *> child).data
                    if data.data != NULL:
                        if _ascii_space(data.data, data.length) and not self.f.pre:
                            if self.parts:
                                self.parts.append(space)
                            continue
                        text = PyUnicode_DecodeUTF8(<const char *> data.data, data.length, "replace")
                if not text or text.isspace():  # layout whitespace between tags: a space at most
                    if self.parts:
                        self.parts.append(text if self.f.pre else space)  # in <pre> it may break a line
                else:
                    self.parts.append(text)
                    if self.f.in_link:
                        self.link_chars += len(text.strip())
                continue
            ti = self.tag_of(child)
            if ti < 0:
                continue
            t = &self.tag_table[ti]
            if t.skip:
                continue
            chint = empty
            chrome_hint = False  # hinted as chrome, and nothing in its class/id says article
            has_attrs = False
            a_href = NULL
            if child.type == ELEMENT:
                attr = element_first_attribute(<void *> child)
                has_attrs = attr != NULL
                if has_attrs:
                    a_class = a_id = a_role = NULL
                    hides = False
                    while attr != NULL:
                        n = 0
                        s = attr_qualified_name(attr, &n)
                        if s != NULL:
                            if n == 5 and s[0] == b'c' and s[1] == b'l' and s[2] == b'a' and s[3] == b's' and s[4] == b's':
                                a_class = attr
                            elif n == 2 and s[0] == b'i' and s[1] == b'd':
                                a_id = attr
                            elif n == 4 and s[0] == b'r' and s[1] == b'o' and s[2] == b'l' and s[3] == b'e':
                                a_role = attr
                            elif n == 4 and s[0] == b'h' and s[1] == b'r' and s[2] == b'e' and s[3] == b'f':
                                a_href = attr
                            elif ((n == 6 and memcmp(s, b"hidden", 6) == 0) or (n == 11 and memcmp(s, b"aria-hidden", 11) == 0)
                                  or (n == 5 and memcmp(s, b"style", 5) == 0)):
                                hides = True
                        attr = element_next_attribute(attr)
                    # Most elements carry none of the attributes that hide one: the check is not called for them.
                    if hides and r.hidden(self.attributes(child)):
                        continue
                    chint, positive = <tuple> self.hint_of(a_class, a_id, a_role)
                    chrome_hint = bool(chint) and not positive and not t.article
                    # A "chrome" box that holds much text, or an article marker, may be the article's own
                    # wrapper: it is walked, its hint kept, and `article_root` decides once the article is known.
                    if (
                        chrome_hint
                        and not (self.comments and chint == "comments")
                        and chint not in r.soft_hints
                        and self.text_len(child, self.limit) < self.limit
                        and not self.holds_article(child)
                    ):
                        if self.parts:
                            self.flush()
                        self.prune(child, chint, "class-hint", self.name(ti))
                        continue
            chrome = t.chrome
            if chrome == NULL and not self.f.in_article:
                chrome = t.page_chrome
            if chrome != NULL and self.text_len(child, self.limit) < self.limit and not (self.captions and t.figcaption):
                if self.parts:
                    self.flush()
                self.prune(child, <object> chrome, "chrome-tag", self.name(ti))
                continue
            is_block = t.breaks
            if is_block and self.f.row:  # inside a data table's row: a cell's paragraphs are one cell
                if self.parts:
                    self.parts.append(space)
                if t.brhr:
                    continue
                is_block = False
            if is_block:
                if self.parts:
                    self.flush()
                    if t.br and self.f.block_tag >= 0 and self.tag_table[self.f.block_tag].one_line:
                        self.broken = self.f.block_id
                if t.brhr:
                    continue
            self.push()
            new = PyList_GET_SIZE(parent)
            if self.has_budget and new > self.budget:
                raise r.blowup
            parent.append(self.f.eid)
            end.append(new)
            self.f.next, self.f.tag, self.f.eid, self.f.depth = child.first_child, ti, new, self.f.depth + 1
            if chint:
                self.f.hint, self.f.hinted = len(self.hint_pool), new
                self.hint_pool.append(chint)
                if chrome_hint and chint in r.sure_hints:
                    self.f.sure = new
            self.f.in_article = self.f.in_article or t.article
            # A link to a place in the page itself (a table of contents, a heading's anchor) leads
            # nowhere else: it does not count in the link density; a bare "#" is a script's button.
            if not self.f.in_link and t.link:
                self.f.in_link = True
                if has_attrs and a_href != NULL:
                    n = 0
                    s = attr_value(a_href, &n)
                    if s != NULL and n > 0 and s[0] == b'#' and r.in_page(self.value(a_href)) is not None:
                        self.f.in_link = False
            if is_block:
                self.f.block_tag, self.f.block_id, self.f.block_depth = ti, new, self.f.depth
                self.f.block_hint, self.f.block_hinted, self.f.block_sure = self.f.hint, self.f.hinted, self.f.sure
            if t.structure:
                if t.cell:
                    if self.f.block_tag >= 0 and self.tag_table[self.f.block_tag].tr:
                        self.parts.append(r.cell)
                        self.cells.append((self.link_chars, new, self.hint_pool[self.f.hint], self.f.hinted, self.f.sure))
                elif t.tr:
                    self.row_start = PyList_GET_SIZE(self.texts)
                    if self.text_len(child, self.row_chars + 1) <= self.row_chars and not self.has_table(child):
                        self.extend_ctx("t")
                else:
                    name = self.name(ti)
                    self.extend_ctx(r.context[name])
                    self.fresh_item = name == "li"
        return 0

    cdef int extend_ctx(self, str mark) except -1:
        ctx = self.ctxs[self.f.ctx] + mark
        self.f.ctx = len(self.ctxs)
        self.ctxs.append(ctx)
        self.f.pre = "`" in ctx
        self.f.row = "t" in ctx
        self.f.quote = ">" in ctx
        return 0


def walk(body, config, budget=None):
    """`cleaner.html.walk`, compiled: the same `_Page` from the same <body>, the same `_Blowup` past the budget."""
    global R
    if not ready:
        raise RuntimeError("cleaner._chtml.init() has not bound lexbor")
    if R is None:
        import cleaner.html

        R = _Rules(cleaner.html)
    cdef _Rules r = <_Rules> R
    cdef _Walk w = _Walk()
    w.r = r
    page = r.page_type()
    w.page = page
    w.texts, w.tags, w.depths, w.hints, w.labels, w.rules = page.text, page.tag, page.depth, page.hint, page.label, page.rule
    w.kinds, w.parent, w.end, w.kept, w.link_density = page.kind, page.parent, page.end, page.kept, page.link_density
    w.element, w.hinted_col, w.sure_col, w.raw, w.page_cells = page.element, page.hinted, page.sure, page.raw, page.cells
    w.limit = config.html_prune_max_chars
    w.row_chars = config.html_row_max_chars
    w.comments = config.include_comments
    w.captions = config.html_keep_captions
    w.has_budget = budget is not None
    w.budget = budget if budget is not None else 0
    w.parts, w.cells, w.names, w.hint_pool, w.ctxs = [], [], [], [""], [""]
    w.link_chars, w.row_start, w.broken = 0, -1, -1
    w.fresh_item = False
    w.tag_slots, w.tag_count = 64, 0
    w.tag_table = <Tag *> malloc(64 * sizeof(Tag))
    w.slots = <Py_ssize_t *> malloc(64 * sizeof(Py_ssize_t))
    if w.tag_table == NULL or w.slots == NULL:
        raise MemoryError
    cdef int i
    for i in range(64):
        w.slots[i] = -1
    w.run(_node(body))
    return page
