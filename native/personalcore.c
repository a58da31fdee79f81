/* generator.personalcore: the privacy scan's cheap test (``generator.personal.may_hold_personal``) in one
 * pass over the code points of a text, compiled. Optional: without a C compiler the build goes on without
 * it and ``generator.personal`` uses its Python test, the reference (tests/test_personalcore.py compares
 * them on the shipped files, the synthetic trees and generated texts).
 *
 * What it answers, exactly as the reference: True when the text holds
 *   - a mark: @, U+FF20, U+FE6B, &, backslash, 圈, or the words 艾特 or 小老鼠;
 *   - an "at" (a or A or their full-width forms, then t, T or theirs) with no ASCII letter on either side;
 *   - a # or U+FF03 between a word character, . or - before it and a word character after it (a word
 *     character as Python's re understands \w: alphanumeric by Py_UNICODE_ISALNUM, or _);
 *   - a stretch of characters that are not "breakers" (ASCII letters but o and x, CJK ideographs in
 *     U+3400..U+4DBF and U+4E00..U+9FFF but the numerals configured from Python) holding eleven or more
 *     digit-like characters (neither a breaker nor ASCII punctuation, space or control, nor Unicode white
 *     space, nor the common Chinese punctuation listed below): more than eleven, or any of them not ASCII,
 *     or exactly eleven ASCII ones that begin 1 then 3..9 (a mobile number).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CJK_A_LOW 0x3400
#define CJK_HIGH 0x9FFF
#define CJK_BITS (CJK_HIGH - CJK_A_LOW + 1)

static unsigned char numeral_bits[CJK_BITS / 8 + 1];

/* Chinese punctuation that is not digit-like (as the reference's ``_NOT_DIGIT_LIKE``). */
static const Py_UCS4 PUNCTUATION[] = {0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0xFF08, 0xFF09, 0x300A, 0x300B,
                                      0x201C, 0x201D, 0x2018, 0x2019, 0xFF01, 0xFF1F, 0x3010, 0x3011, 0x2026,
                                      0x2014, 0x00B7, 0x3014, 0x3015, 0x300C, 0x300D};
#define N_PUNCTUATION (sizeof(PUNCTUATION) / sizeof(PUNCTUATION[0]))

static int is_ascii_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_breaker(Py_UCS4 c) {
    if (c < 128) {
        Py_UCS4 lower = c | 0x20;
        return is_ascii_letter(c) && lower != 'o' && lower != 'x';
    }
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)) {
        Py_UCS4 at = c - CJK_A_LOW;
        return !(numeral_bits[at >> 3] & (1u << (at & 7)));
    }
    return 0;
}

static int is_not_digit_like(Py_UCS4 c) {
    if (c < 128) return !(c >= '0' && c <= '9') && !is_ascii_letter(c);
    if (Py_UNICODE_ISSPACE(c)) return 1;
    for (size_t i = 0; i < N_PUNCTUATION; i++)
        if (PUNCTUATION[i] == c) return 1;
    return 0;
}

static int is_word(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) || c == '_'; }

static int is_a(Py_UCS4 c) { return c == 'a' || c == 'A' || c == 0xFF41 || c == 0xFF21; }
static int is_t(Py_UCS4 c) { return c == 't' || c == 'T' || c == 0xFF54 || c == 0xFF34; }

/* The state of the stretch being read: its digit-like characters counted, the first two kept, and whether
 * all are ASCII. */
typedef struct {
    Py_ssize_t count;
    Py_UCS4 first, second;
    int ascii;
} Stretch;

static int stretch_may_hold(const Stretch *s) {
    if (s->count < 11) return 0;
    if (s->count != 11 || !s->ascii) return 1;
    return s->first == '1' && s->second >= '3' && s->second <= '9';
}

static int may_hold_at(int kind, const void *data, Py_ssize_t n) {
    Stretch s = {0, 0, 0, 1};
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_UCS4 next = i + 1 < n ? PyUnicode_READ(kind, data, i + 1) : 0;
        switch (c) {
        case '@': case 0xFF20: case 0xFE6B: case '&': case '\\': case 0x5708: /* 圈 */
            return 1;
        case 0x827E: /* 艾 then 特 */
            if (next == 0x7279) return 1;
            break;
        case 0x5C0F: /* 小 then 老鼠 */
            if (next == 0x8001 && i + 2 < n && PyUnicode_READ(kind, data, i + 2) == 0x9F20) return 1;
            break;
        case '#': case 0xFF03:
            if (i > 0 && i + 1 < n) {
                Py_UCS4 prev = PyUnicode_READ(kind, data, i - 1);
                if ((is_word(prev) || prev == '.' || prev == '-') && is_word(next)) return 1;
            }
            break;
        default:
            break;
        }
        if (is_a(c) && i + 1 < n && is_t(next)) {
            int before_ok = i == 0 || !is_ascii_letter(PyUnicode_READ(kind, data, i - 1));
            int after_ok = i + 2 >= n || !is_ascii_letter(PyUnicode_READ(kind, data, i + 2));
            if (before_ok && after_ok) return 1;
        }
        if (is_breaker(c)) {
            if (stretch_may_hold(&s)) return 1;
            s.count = 0;
            s.ascii = 1;
        } else if (!is_not_digit_like(c)) {
            if (s.count == 0) s.first = c;
            else if (s.count == 1) s.second = c;
            if (c >= 128) s.ascii = 0;
            s.count++;
        }
    }
    return stretch_may_hold(&s);
}

static PyObject *may_hold(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "may_hold expects a str");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0) return NULL;
    int found = may_hold_at(PyUnicode_KIND(arg), PyUnicode_DATA(arg), PyUnicode_GET_LENGTH(arg));
    return PyBool_FromLong(found);
}

static PyObject *configure(PyObject *self, PyObject *arg) {
    /* The CJK numerals (the ideographs in the CJK ranges that count as digits, not as breakers). */
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "configure expects a str of numerals");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0) return NULL;
    memset(numeral_bits, 0, sizeof(numeral_bits));
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(arg, i);
        if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)) {
            Py_UCS4 at = c - CJK_A_LOW;
            numeral_bits[at >> 3] |= (unsigned char)(1u << (at & 7));
        }
    }
    Py_RETURN_NONE;
}

static PyObject *punctuation(PyObject *self, PyObject *unused) {
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, PUNCTUATION, N_PUNCTUATION);
}

static PyMethodDef methods[] = {
    {"may_hold", may_hold, METH_O, "The privacy scan's cheap test on one text (see generator.personal)."},
    {"configure", configure, METH_O, "Set the CJK numerals (not breakers) before any test."},
    {"punctuation", punctuation, METH_NOARGS, "The Chinese punctuation this module reads as not digit-like."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "generator.personalcore", NULL, -1, methods};

PyMODINIT_FUNC PyInit_personalcore(void) { return PyModule_Create(&module); }
