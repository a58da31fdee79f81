/*
 * generator.yamlcore: the strict YAML loader's clean path, compiled (optional; see docs/design.md).
 *
 * load(text, limits) walks libyaml's parse events (its C interface) and builds exactly what the pure-Python
 * loader (generator/yamlio.py, ``_Builder``) builds for a document it accepts without any problem: the data
 * (dict, list, str, int, Decimal, bool, None; keys and short texts interned) and one position per member,
 * packed as ``(line << 32) | column`` (0-based) in document order. It returns (data, positions as bytes).
 *
 * It never reports a problem itself: whenever the document is not plainly acceptable (a syntax error, an
 * anchor, a tag, an alias, a duplicate key, a key that is not text, a refused number, a double-quoted text
 * that may hold a refused character, a limit reached, a root that is not a mapping, a second document, or
 * anything unexpected, memory included) it returns None and the pure-Python loader reads the file, finding
 * and wording the problems. So the problems are only ever the reference path's.
 *
 * limits = (max_depth, max_nodes, max_key_chars, max_scalar_chars, shared_text_chars), from yamlio.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#define DECLINE 0
#define OK 1

static PyObject *decimal_type; /* decimal.Decimal */

typedef struct {
    PyObject *container; /* borrowed: owned by the root */
    PyObject *key;       /* owned, or NULL: a mapping's key waiting for its value */
    int is_mapping;
} Frame;

typedef struct {
    Frame *stack;
    Py_ssize_t depth;
    PyObject *root; /* owned */
    uint64_t *pos;
    size_t npos, cap;
    long nodes;
    long max_depth, max_nodes, max_key, max_scalar, shared;
} State;

static int push_position(State *s, const yaml_mark_t *mark) {
    if (s->npos == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *grown = PyMem_Realloc(s->pos, cap * sizeof(uint64_t));
        if (grown == NULL) return DECLINE;
        s->pos = grown;
        s->cap = cap;
    }
    s->pos[s->npos++] = ((uint64_t)mark->line << 32) | (uint64_t)(uint32_t)mark->column;
    return OK;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Characters yamlio refuses (``REFUSED_CHARACTERS``) in the Basic Multilingual Plane; every astral one is
 * treated as possibly refused (the pure loader decides). Only a double-quoted text's escapes can produce
 * them: the file's own characters were checked before parsing. */
static int maybe_refused(Py_UCS4 c) {
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
    if (c < 0x7f) return 0;
    if (c <= 0x9f || c == 0xad || c == 0x34f) return 1;
    if (c < 0x600) return 0;
    if (c >= 0x10000) return 1;
    return (c <= 0x605) || c == 0x61c || c == 0x6dd || c == 0x70f || c == 0x890 || c == 0x891 ||
           c == 0x8e2 || c == 0x115f || c == 0x1160 || c == 0x17b4 || c == 0x17b5 ||
           (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
           (c >= 0x2060 && c <= 0x206f) || c == 0x2800 || c == 0x3164 || (c >= 0xd800 && c <= 0xdfff) ||
           (c >= 0xfdd0 && c <= 0xfdef) || (c >= 0xfe00 && c <= 0xfe0f) || c == 0xfeff || c == 0xffa0 ||
           (c >= 0xfff0 && c <= 0xfffc) || c >= 0xfffe;
}

static int has_refused(PyObject *text) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (maybe_refused(p[i])) return 1;
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (maybe_refused(PyUnicode_READ(kind, data, i))) return 1;
    return 0;
}

/* Length of an optional sign and the integer part ``0|[1-9][0-9]*`` at v; 0 when there is none. */
static size_t int_part(const char *v, size_t n) {
    if (n == 0 || !is_digit(v[0])) return 0;
    if (v[0] == '0') return 1;
    size_t i = 1;
    while (i < n && is_digit(v[i])) i++;
    return i;
}

static size_t digits(const char *v, size_t n) {
    size_t i = 0;
    while (i < n && is_digit(v[i])) i++;
    return i;
}

typedef enum { R_TEXT, R_NULL, R_TRUE, R_FALSE, R_INT, R_DECIMAL, R_REFUSED } Resolution;

static int equals(const char *v, size_t n, const char *word) {
    return strlen(word) == n && memcmp(v, word, n) == 0;
}

/* yamlio._resolve_plain on the scalar's UTF-8 bytes (every pattern is ASCII). */
static Resolution resolve(const char *v, size_t n) {
    if (n == 0 || equals(v, n, "~") || equals(v, n, "null") || equals(v, n, "Null") || equals(v, n, "NULL"))
        return R_NULL;
    char first = v[0];
    if (first == 't' || first == 'T' || first == 'f' || first == 'F') {
        if (equals(v, n, "true") || equals(v, n, "True") || equals(v, n, "TRUE")) return R_TRUE;
        if (equals(v, n, "false") || equals(v, n, "False") || equals(v, n, "FALSE")) return R_FALSE;
        return R_TEXT;
    }
    if (!(is_digit(first) || first == '-' || first == '+' || first == '.')) return R_TEXT;
    size_t sign = (first == '-' || first == '+') ? 1 : 0;
    const char *b = v + sign;
    size_t m = n - sign;
    size_t ip = int_part(b, m);
    if (ip > 0 && ip == m) return R_INT;
    if (ip > 0 && b[ip] == '.' && ip + 1 + digits(b + ip + 1, m - ip - 1) == m) return R_DECIMAL;
    if (ip == 0 && m >= 2 && b[0] == '.' && 1 + digits(b + 1, m - 1) == m) return R_DECIMAL;
    if (m == 4 && b[0] == '.') {
        const char *w = b + 1;
        if (equals(w, 3, "inf") || equals(w, 3, "Inf") || equals(w, 3, "INF") || equals(w, 3, "nan") ||
            equals(w, 3, "NaN") || equals(w, 3, "NAN"))
            return R_REFUSED;
    }
    /* exponent: (\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+ */
    size_t i = 0;
    if (m > 0 && b[0] == '.') {
        size_t d = digits(b + 1, m - 1);
        if (d == 0) return R_TEXT;
        i = 1 + d;
    } else {
        size_t d = digits(b, m);
        if (d == 0) return R_TEXT;
        i = d;
        if (i < m && b[i] == '.') i += 1 + digits(b + i + 1, m - i - 1);
    }
    if (i < m && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        if (i < m && (b[i] == '-' || b[i] == '+')) i++;
        size_t d = digits(b + i, m - i);
        if (d > 0 && i + d == m) return R_REFUSED;
    }
    return R_TEXT;
}

/* The value of a resolved plain scalar (a new reference), ``text`` itself for R_TEXT, NULL to decline. */
static PyObject *value_of(Resolution r, size_t n, PyObject *text) {
    switch (r) {
    case R_TEXT:
        Py_INCREF(text);
        return text;
    case R_NULL:
        Py_RETURN_NONE;
    case R_TRUE:
        Py_RETURN_TRUE;
    case R_FALSE:
        Py_RETURN_FALSE;
    case R_INT:
        if (n > 4000) return NULL; /* beyond int()'s digit limit: the pure loader says why */
        return PyLong_FromUnicodeObject(text, 10);
    case R_DECIMAL:
        return PyObject_CallOneArg(decimal_type, text);
    default:
        return NULL;
    }
}

/* The key a scalar names (a new, interned reference), or NULL to decline. */
static PyObject *key_of(State *s, const yaml_event_t *e, PyObject *text) {
    const char *v = (const char *)e->data.scalar.value;
    size_t n = e->data.scalar.length;
    PyObject *key;
    if (PyUnicode_GET_LENGTH(text) > s->max_key) return NULL;
    if (e->data.scalar.plain_implicit) {
        if (n == 2 && v[0] == '<' && v[1] == '<') return NULL; /* a merge key */
        Resolution r = (n == 0) ? R_NULL : resolve(v, n);
        if (r == R_INT) {
            size_t plus = 0;
            while (plus < n && v[plus] == '+') plus++;
            key = PyUnicode_Substring(text, (Py_ssize_t)plus, PyUnicode_GET_LENGTH(text));
        } else if (r == R_TEXT) {
            Py_INCREF(text);
            key = text;
        } else {
            return NULL;
        }
    } else {
        if (e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && has_refused(text)) return NULL;
        Py_INCREF(text);
        key = text;
    }
    if (key != NULL) PyUnicode_InternInPlace(&key);
    return key;
}

static int on_scalar(State *s, const yaml_event_t *e) {
    if (++s->nodes > s->max_nodes) return DECLINE;
    if (e->data.scalar.anchor != NULL || e->data.scalar.tag != NULL || s->depth == 0) return DECLINE;
    const char *v = (const char *)e->data.scalar.value;
    size_t n = e->data.scalar.length;
    PyObject *text = PyUnicode_DecodeUTF8(v, (Py_ssize_t)n, "strict");
    if (text == NULL) return DECLINE;
    if (PyUnicode_GET_LENGTH(text) > s->max_scalar) goto decline;
    Frame *f = &s->stack[s->depth - 1];
    if (f->is_mapping && f->key == NULL) {
        PyObject *key = key_of(s, e, text);
        Py_DECREF(text);
        if (key == NULL) return DECLINE;
        int present = PyDict_Contains(f->container, key);
        if (present != 0 || !push_position(s, &e->start_mark)) {
            Py_DECREF(key);
            return DECLINE;
        }
        f->key = key;
        return OK;
    }
    PyObject *value;
    if (e->data.scalar.plain_implicit) {
        value = value_of(resolve(v, n), n, text);
    } else if (e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && has_refused(text)) {
        value = NULL;
    } else {
        Py_INCREF(text);
        value = text;
    }
    Py_DECREF(text);
    if (value == NULL) return DECLINE;
    if (PyUnicode_CheckExact(value) && PyUnicode_GET_LENGTH(value) <= s->shared) PyUnicode_InternInPlace(&value);
    int stored;
    if (f->is_mapping) {
        stored = PyDict_SetItem(f->container, f->key, value) == 0;
        Py_CLEAR(f->key);
    } else {
        stored = push_position(s, &e->start_mark) && PyList_Append(f->container, value) == 0;
    }
    Py_DECREF(value);
    return stored ? OK : DECLINE;
decline:
    Py_DECREF(text);
    return DECLINE;
}

static int on_collection(State *s, const yaml_event_t *e, int is_mapping) {
    if (++s->nodes > s->max_nodes) return DECLINE;
    const yaml_char_t *anchor = is_mapping ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
    const yaml_char_t *tag = is_mapping ? e->data.mapping_start.tag : e->data.sequence_start.tag;
    if (anchor != NULL || tag != NULL || s->depth >= s->max_depth) return DECLINE;
    PyObject *created = is_mapping ? PyDict_New() : PyList_New(0);
    if (created == NULL) return DECLINE;
    int stored;
    if (s->depth == 0) {
        if (s->root != NULL) {
            Py_DECREF(created);
            return DECLINE;
        }
        s->root = created; /* the reference moves to the root */
        Py_INCREF(created);
        stored = push_position(s, &e->start_mark);
    } else {
        Frame *f = &s->stack[s->depth - 1];
        if (f->is_mapping) {
            stored = f->key != NULL && PyDict_SetItem(f->container, f->key, created) == 0;
            Py_CLEAR(f->key);
        } else {
            stored = push_position(s, &e->start_mark) && PyList_Append(f->container, created) == 0;
        }
    }
    Py_DECREF(created); /* held by the root or by its parent from here on */
    if (!stored) return DECLINE;
    Frame *top = &s->stack[s->depth++];
    top->container = created;
    top->key = NULL;
    top->is_mapping = is_mapping;
    return OK;
}

/* One event; OK to go on, DECLINE to give up, 2 when the document ended cleanly. */
static int on_event(State *s, yaml_parser_t *parser, const yaml_event_t *e) {
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(s, e);
    case YAML_MAPPING_START_EVENT:
        return on_collection(s, e, 1);
    case YAML_SEQUENCE_START_EVENT:
        return on_collection(s, e, 0);
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        if (s->depth == 0) return DECLINE;
        Py_CLEAR(s->stack[s->depth - 1].key);
        s->depth--;
        return OK;
    case YAML_DOCUMENT_END_EVENT: {
        yaml_event_t after;
        if (!yaml_parser_parse(parser, &after)) return DECLINE;
        int last = after.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&after);
        return last ? 2 : DECLINE;
    }
    default: /* an alias, or anything out of place */
        return DECLINE;
    }
}

static int walk(State *s, yaml_parser_t *parser) {
    yaml_event_t e;
    for (int i = 0; i < 2; i++) { /* stream start, document start */
        if (!yaml_parser_parse(parser, &e)) return DECLINE;
        int expected = e.type == (i == 0 ? YAML_STREAM_START_EVENT : YAML_DOCUMENT_START_EVENT);
        yaml_event_delete(&e);
        if (!expected) return DECLINE;
    }
    for (;;) {
        if (!yaml_parser_parse(parser, &e)) return DECLINE;
        int step = on_event(s, parser, &e);
        yaml_event_delete(&e);
        if (step != OK) return step == 2 && s->root != NULL && PyDict_CheckExact(s->root);
    }
}

static PyObject *load(PyObject *Py_UNUSED(module), PyObject *args) {
    PyObject *text;
    State s;
    memset(&s, 0, sizeof s);
    if (!PyArg_ParseTuple(args, "U(lllll)", &text, &s.max_depth, &s.max_nodes, &s.max_key, &s.max_scalar,
                          &s.shared))
        return NULL;
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == NULL || s.max_depth < 1) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    s.stack = PyMem_Calloc((size_t)s.max_depth, sizeof(Frame));
    yaml_parser_t parser;
    if (s.stack == NULL || !yaml_parser_initialize(&parser)) {
        PyMem_Free(s.stack);
        Py_RETURN_NONE;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)utf8, (size_t)size);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    int done = walk(&s, &parser);
    yaml_parser_delete(&parser);
    for (Py_ssize_t i = 0; i < s.depth; i++) Py_CLEAR(s.stack[i].key);
    PyMem_Free(s.stack);
    PyObject *result = NULL;
    if (done) {
        PyObject *packed = PyBytes_FromStringAndSize((const char *)s.pos, (Py_ssize_t)(s.npos * sizeof(uint64_t)));
        if (packed != NULL) result = PyTuple_Pack(2, s.root, packed);
        Py_XDECREF(packed);
    }
    PyMem_Free(s.pos);
    Py_XDECREF(s.root);
    if (result == NULL) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return result;
}

static PyMethodDef methods[] = {
    {"load", load, METH_VARARGS,
     "load(text, limits) -> (data, positions) for a document the strict loader accepts as it is, else None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "generator.yamlcore", NULL, -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_yamlcore(void) {
    PyObject *decimal = PyImport_ImportModule("decimal");
    if (decimal == NULL) return NULL;
    decimal_type = PyObject_GetAttrString(decimal, "Decimal");
    Py_DECREF(decimal);
    if (decimal_type == NULL) return NULL;
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) return NULL;
    if (PyModule_AddStringConstant(module, "LIBYAML_VERSION", yaml_get_version_string()) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
