/* Compiled reader of MuPDF's structured text (fz_stext_page) for extractors.pdf_layout.

Why: pymupdf's `rawdict` makes a Python dict per glyph, and our per-glyph Python (lines, right-to-left
order) cost 4-10x the budget of issue #14 (0.5x raw get_text()). This module walks the TextPage's
blocks -> lines -> chars itself, from the pointer pymupdf holds, and hands Python one tuple per row
with its glyphs or spans: the same values `rawdict` / `dict` give (same float boxes, same span
splitting, same filtering by the page's media box), so records stay identical.
It reads structs only (no MuPDF call, nothing to link): the headers come from the pymupdf wheel, and
extractors/pdf_stext.py refuses the module when its MUPDF_VERSION is not the running MuPDF's.

Also here: the per-glyph loops of two right-to-left readings, `written_in_order` (pdf_layout) and
`one_way_parts` (normalizers.rtl._one_way_parts); each returns exactly what its Python twin returns
(tests/test_pdf_stext.py compares them line by line). Bidi classes come from Python's unicodedata
through a callable set once (`set_kinds`), cached per code point. And a line's last step,
`finished` (rtl._finished: XePersian's heh, presentation forms folded by the table rtl gives,
`set_folding`): Python's str.translate with a dict costs 0.1 us a character, a tenth of a ms a page.
A glyph-level row comes with its reading (`row_reading`: pdf_layout._Reader.text of a right-to-left
row, the loops above and rtl._written_one_way's tail), so no Python runs per right-to-left line;
asked with `packed`, such a row keeps its glyphs as one bytes object (`unpacked` makes the tuples,
`cells` reads either): only a page that may hold a table asks for them again.
And glyphs no ToUnicode map names: `trace_texts` (pdf_glyphs.GlyphRepair.page's loop over the
texttrace: each unresolved glyph's text from its font's answers, keyed by its origin rounded as
Python's round rounds) and `rows(..., recovered)` (pdf_layout._glyphs: those texts put in place).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mupdf/fitz.h"

/* pymupdf's JM_char_font_flags bits; a span's flags */
#define FLAG_SUPERSCRIPT 1
#define FLAG_ITALIC 2
#define FLAG_SERIFED 4
#define FLAG_MONOSPACED 8
#define FLAG_BOLD 16

#define EDGE 0.01 /* points: pdf_layout.EDGE */
#define ZWNJ 0x200C
#define LAM 0x0644

/* Bidi kinds as normalizers.rtl._kind gives them, plus a combining-mark bit */
enum { KIND_R = 1, KIND_L = 2, KIND_N = 3, KIND_W = 4, KIND_MASK = 7, COMBINING = 8 };

static PyObject *kind_of = NULL; /* Python callable: one-character str -> int */
static unsigned char kind_cache[0x10000];

static int kind(Py_UCS4 c)
{
    if (c < 0x10000 && kind_cache[c])
        return kind_cache[c];
    if (!kind_of) {
        PyErr_SetString(PyExc_RuntimeError, "_stext.set_kinds() was not called");
        return -1;
    }
    PyObject *ch = PyUnicode_FromOrdinal((int)c);
    if (!ch)
        return -1;
    PyObject *got = PyObject_CallOneArg(kind_of, ch);
    Py_DECREF(ch);
    if (!got)
        return -1;
    long k = PyLong_AsLong(got);
    Py_DECREF(got);
    if (k == -1 && PyErr_Occurred())
        return -1;
    if (c < 0x10000)
        kind_cache[c] = (unsigned char)k;
    return (int)k;
}

static PyObject *set_kinds(PyObject *self, PyObject *fn)
{
    if (!PyCallable_Check(fn)) {
        PyErr_SetString(PyExc_TypeError, "set_kinds needs a callable");
        return NULL;
    }
    Py_XDECREF(kind_of);
    Py_INCREF(fn);
    kind_of = fn;
    memset(kind_cache, 0, sizeof kind_cache);
    Py_RETURN_NONE;
}

/* ---- geometry, as MuPDF's inline and exported helpers compute it ---- */

/* MuPDF's fz_empty_rect, written out: its symbol is libmupdf's, and this module links nothing */
static const fz_rect EMPTY = {FZ_MAX_INF_RECT, FZ_MAX_INF_RECT, FZ_MIN_INF_RECT, FZ_MIN_INF_RECT};

static int empty_rect(fz_rect r) { return r.x0 >= r.x1 || r.y0 >= r.y1; }

static fz_rect union_rect(fz_rect a, fz_rect b)
{
    if (empty_rect(b))
        return a;
    if (empty_rect(a))
        return b;
    if (a.x0 > b.x0) a.x0 = b.x0;
    if (a.y0 > b.y0) a.y0 = b.y0;
    if (a.x1 < b.x1) a.x1 = b.x1;
    if (a.y1 < b.y1) a.y1 = b.y1;
    return a;
}

static int disjoint(fz_rect a, fz_rect b) /* empty intersection */
{
    float x0 = a.x0 > b.x0 ? a.x0 : b.x0, x1 = a.x1 < b.x1 ? a.x1 : b.x1;
    float y0 = a.y0 > b.y0 ? a.y0 : b.y0, y1 = a.y1 < b.y1 ? a.y1 : b.y1;
    return empty_rect(a) || empty_rect(b) || x0 >= x1 || y0 >= y1;
}

static int overlap(fz_rect a, fz_rect b) /* pymupdf's JM_rects_overlap */
{
    return !(a.x0 >= b.x1 || a.y0 >= b.y1 || a.x1 <= b.x0 || a.y1 <= b.y0);
}

static float min4(float a, float b, float c, float d)
{
    float m = a < b ? a : b, n = c < d ? c : d;
    return m < n ? m : n;
}

static float max4(float a, float b, float c, float d)
{
    float m = a > b ? a : b, n = c > d ? c : d;
    return m > n ? m : n;
}

/* pymupdf's JM_char_bbox with quad corrections off (pdf_stext checks that they are) */
static fz_rect char_bbox(const fz_stext_line *line, const fz_stext_char *ch)
{
    fz_quad q = ch->quad;
    fz_rect r = {min4(q.ll.x, q.lr.x, q.ul.x, q.ur.x), min4(q.ll.y, q.lr.y, q.ul.y, q.ur.y),
                 max4(q.ll.x, q.lr.x, q.ul.x, q.ur.x), max4(q.ll.y, q.lr.y, q.ul.y, q.ur.y)};
    if (line->wmode && r.y1 < r.y0 + ch->size)
        r.y0 = r.y1 - ch->size;
    return r;
}

/* pymupdf's JM_font_name: the subset tag ("ABCDEF+") left out */
static const char *font_name(const fz_font *font)
{
    if (!font)
        return "";
    const char *plus = strchr(font->name, '+');
    return plus && plus - font->name == 6 ? plus + 1 : font->name;
}

static int font_flags(const fz_stext_line *line, const fz_stext_char *ch)
{
    int flags = 0;
    if (line->wmode == 0 && line->dir.x == 1 && line->dir.y == 0)
        flags = ch->origin.y < line->first_char->origin.y - ch->size * 0.1f;
    if (ch->font) {
        flags += ch->font->flags.is_italic * FLAG_ITALIC;
        flags += ch->font->flags.is_serif * FLAG_SERIFED;
        flags += ch->font->flags.is_mono * FLAG_MONOSPACED;
        flags += ch->font->flags.is_bold * FLAG_BOLD;
    }
    return flags;
}

/* ---- one page's characters, grouped as pymupdf groups them ---- */

typedef struct {
    Py_UCS4 c;
    double x0, x1;
    float origin_x, origin_y;
} Glyph;

/* A glyph as the line functions read it, and as a packed row holds its pieces (`unpacked`;
   struct "@Idd" in Python's notation). */
typedef struct {
    Py_UCS4 c;
    double x0, x1;
} G;

typedef struct {
    Py_ssize_t start, end; /* glyph indices */
    fz_rect rect;
    float size, origin_y; /* of its first glyph */
    int flags;
    const char *font; /* as pymupdf names it (no subset tag) */
} Span;

typedef struct {
    Py_ssize_t span_start, span_end;
    fz_rect rect;
    fz_point dir;
    float origin_y, size; /* of its first span */
} Line;

typedef struct {
    Glyph *glyphs;
    Py_ssize_t n_glyphs, cap_glyphs;
    Span *spans;
    Py_ssize_t n_spans, cap_spans;
    Line *lines;
    Py_ssize_t n_lines, cap_lines;
} Page;

static int grow(void **items, Py_ssize_t *cap, Py_ssize_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    Py_ssize_t cap2 = *cap ? *cap * 2 : 256;
    while (cap2 < need)
        cap2 *= 2;
    void *more = PyMem_Realloc(*items, cap2 * size);
    if (!more) {
        PyErr_NoMemory();
        return -1;
    }
    *items = more;
    *cap = cap2;
    return 0;
}

static void page_free(Page *p)
{
    PyMem_Free(p->glyphs);
    PyMem_Free(p->spans);
    PyMem_Free(p->lines);
}

typedef struct {
    float size;
    int flags, char_flags; /* not bidi: pymupdf 2.0 keeps a line's bidi levels in one span */
    unsigned int argb;
    const char *font;
} Style;

/* One MuPDF line as pymupdf's JM_make_spanlist reads it: its spans appended to the page, and
   its rect (empty when nothing of it is on the page). */
static int read_line(Page *p, const fz_stext_line *line, fz_rect page_rect, fz_rect *line_rect)
{
    Style old = {-1.0f, -1, -1, 0, ""};
    int open = 0;
    Span span = {0};
    *line_rect = EMPTY;
    for (const fz_stext_char *ch = line->first_char; ch; ch = ch->next) {
        fz_rect r = char_bbox(line, ch);
        if (!overlap(page_rect, r))
            continue;
        if (ch->c < 0 || ch->c > 0x10FFFF)
            return 1; /* pymupdf would fail on it: leave the page to it */
        Style style = {ch->size, font_flags(line, ch), ch->flags & ~FZ_STEXT_SYNTHETIC, ch->argb, font_name(ch->font)};
        if (style.size != old.size || style.flags != old.flags || style.char_flags != old.char_flags ||
            style.argb != old.argb || strcmp(style.font, old.font) != 0) {
            if (open) {
                *line_rect = union_rect(*line_rect, span.rect);
                if (grow((void **)&p->spans, &p->cap_spans, p->n_spans + 1, sizeof(Span)))
                    return -1;
                p->spans[p->n_spans++] = span;
            }
            span.start = p->n_glyphs;
            span.rect = r;
            span.size = style.size;
            span.origin_y = ch->origin.y;
            span.flags = style.flags;
            span.font = style.font;
            old = style;
            open = 1;
        }
        span.rect = union_rect(span.rect, r);
        if (grow((void **)&p->glyphs, &p->cap_glyphs, p->n_glyphs + 1, sizeof(Glyph)))
            return -1;
        p->glyphs[p->n_glyphs++] = (Glyph){(Py_UCS4)ch->c, r.x0, r.x1, ch->origin.x, ch->origin.y};
        span.end = p->n_glyphs;
    }
    if (open) {
        if (!empty_rect(span.rect)) { /* pymupdf drops an empty last span (only the last) */
            if (grow((void **)&p->spans, &p->cap_spans, p->n_spans + 1, sizeof(Span)))
                return -1;
            p->spans[p->n_spans++] = span;
            *line_rect = union_rect(*line_rect, span.rect);
        } else {
            p->n_glyphs = span.start;
        }
    }
    return 0;
}

/* Walk the page's text blocks; for each block (kept as pymupdf keeps it) call `block` with its
   rect and its range of lines. Returns 1 for a page pymupdf should read (a non-text block). */
typedef int (*block_fn)(Page *p, fz_rect rect, Py_ssize_t first, Py_ssize_t end, void *arg);

static int walk(fz_stext_page *page, Page *p, block_fn block, void *arg)
{
    fz_rect page_rect = page->mediabox;
    for (fz_stext_block *b = page->first_block; b; b = b->next) {
        if (b->type != FZ_STEXT_BLOCK_TEXT)
            return 1;
        if (disjoint(page_rect, b->bbox))
            continue;
        fz_rect block_rect = EMPTY;
        Py_ssize_t first = p->n_lines;
        for (fz_stext_line *ln = b->u.t.first_line; ln; ln = ln->next) {
            if (disjoint(page_rect, ln->bbox))
                continue;
            Py_ssize_t span_start = p->n_spans;
            fz_rect line_rect;
            int rc = read_line(p, ln, page_rect, &line_rect);
            if (rc)
                return rc;
            block_rect = union_rect(block_rect, line_rect);
            if (p->n_spans == span_start)
                continue; /* no spans: pdf_layout._rows skips it */
            if (grow((void **)&p->lines, &p->cap_lines, p->n_lines + 1, sizeof(Line)))
                return -1;
            Span *s = &p->spans[span_start];
            p->lines[p->n_lines++] = (Line){span_start, p->n_spans, line_rect, ln->dir, s->origin_y, s->size};
        }
        if (block && block(p, block_rect, first, p->n_lines, arg))
            return -1;
    }
    return 0;
}

static fz_stext_page *page_of(PyObject *arg)
{
    unsigned long long address = PyLong_AsUnsignedLongLong(arg);
    if (PyErr_Occurred())
        return NULL;
    if (!address) {
        PyErr_SetString(PyExc_ValueError, "null TextPage");
        return NULL;
    }
    return (fz_stext_page *)(uintptr_t)address;
}

/* The text of `dict`'s spans joined (as pdf_layout.read_page joins them to decide a page): an
   orphaned surrogate comes out as U+FFFD there. None for a page pymupdf must read. */
static PyObject *page_text(PyObject *self, PyObject *arg)
{
    fz_stext_page *page = page_of(arg);
    if (!page)
        return NULL;
    Page p = {0};
    int rc = walk(page, &p, NULL, NULL);
    PyObject *out = NULL;
    if (rc == 1)
        out = Py_NewRef(Py_None);
    else if (rc == 0) {
        out = PyUnicode_New(p.n_glyphs, 0x10FFFF);
        if (out)
            for (Py_ssize_t i = 0; i < p.n_glyphs; i++) {
                Py_UCS4 c = p.glyphs[i].c;
                PyUnicode_WRITE(PyUnicode_4BYTE_KIND, PyUnicode_DATA(out), i, (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c);
            }
        if (out) {
            /* shrink to the narrowest kind, as every other str */
            PyObject *narrow = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, PyUnicode_DATA(out), p.n_glyphs);
            Py_DECREF(out);
            out = narrow;
        }
    }
    page_free(&p);
    return out;
}

/* ---- rows ---- */

/* pdf_glyphs.UNRESOLVED: U+FFFD, private use, C0 and C1 controls but tab, newline, return */
static int unresolved(Py_UCS4 c)
{
    return c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD) ||
           c <= 0x08 || c == 0x0B || c == 0x0C || (c >= 0x0E && c <= 0x1F) || (c >= 0x7F && c <= 0x9F);
}


typedef struct {
    int raw, plain;
    PyObject *recovered; /* origin key -> texts a font program gave (glyph-level rows), or NULL */
    PyObject *blocks; /* list of (x0, y0, x1, y1, rows) */
    int packed; /* a row read here keeps its glyphs as bytes (G after G), not (char, x0, x1) tuples */
} RowsArg;

static PyObject *bmp_chars[0x10000]; /* one-character strs made once: a document uses a few hundred */

static PyObject *char_str(Py_UCS4 c)
{
    if (c >= 0x10000)
        return PyUnicode_FromOrdinal((int)c);
    if (!bmp_chars[c] && !(bmp_chars[c] = PyUnicode_FromOrdinal((int)c)))
        return NULL;
    return Py_NewRef(bmp_chars[c]);
}

static PyObject *glyph_tuple(Py_UCS4 c, double x0, double x1)
{
    PyObject *t = PyTuple_New(3), *ch = char_str(c), *a = PyFloat_FromDouble(x0), *b = PyFloat_FromDouble(x1);
    if (!t || !ch || !a || !b) {
        Py_XDECREF(t), Py_XDECREF(ch), Py_XDECREF(a), Py_XDECREF(b);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, ch);
    PyTuple_SET_ITEM(t, 1, a);
    PyTuple_SET_ITEM(t, 2, b);
    return t;
}

/* pdf_layout._riders_after_base over glyphs[start:end] */
static void riders_after_base(Glyph *g, Py_ssize_t n)
{
    for (Py_ssize_t j = 1; j < n; j++) {
        if (g[j].c != LAM) /* the text as written: a lam moved by a swap was a lam before it too */
            continue;
        Glyph rider = g[j - 1], base = g[j];
        Py_UCS4 a = rider.c;
        int alef = a == 0x0627 || a == 0x0622 || a == 0x0623 || a == 0x0625 || a == 0x0671;
        if (alef && rider.x1 - rider.x0 < EDGE && fabs(base.x1 - rider.x0) < EDGE) {
            g[j - 1] = base;
            g[j] = (Glyph){rider.c, base.x1, base.x1, rider.origin_x, rider.origin_y};
        }
    }
}

/* ---- glyphs a font program recovered (pdf_glyphs.GlyphRepair) ---- */

/* round(x, 1) as Python rounds it (pdf_glyphs.origin_key): the integer nearest to the exact x * 10,
   a tie to the even one, over 10 (k / 10.0 is the double nearest to k/10, as Python's is). The
   product is exact (fma says so) for most origins, a multiple of 1/4 point among them; an inexact
   one decides alone when it is not within a millionth of a half; otherwise Python's round does. */
static PyObject *rounded(double x)
{
    double y = x * 10.0, f = floor(y), frac = y - f;
    if (fabs(y) < 1e9 && (fabs(frac - 0.5) > 1e-6 || fma(x, 10.0, -y) == 0.0)) {
        double k = frac > 0.5 || (frac == 0.5 && fmod(f, 2.0) != 0.0) ? f + 1.0 : f;
        return PyFloat_FromDouble(copysign(k / 10.0, x));
    }
    PyObject *v = PyFloat_FromDouble(x);
    if (!v)
        return NULL;
    PyObject *r = PyObject_CallMethod(v, "__round__", "i", 1);
    Py_DECREF(v);
    return r;
}

static PyObject *origin_key(double x, double y)
{
    PyObject *a = rounded(x), *b = a ? rounded(y) : NULL;
    if (!b) {
        Py_XDECREF(a);
        return NULL;
    }
    PyObject *key = PyTuple_New(2);
    if (!key) {
        Py_DECREF(a), Py_DECREF(b);
        return NULL;
    }
    PyTuple_SET_ITEM(key, 0, a);
    PyTuple_SET_ITEM(key, 1, b);
    return key;
}

static PyObject *TEXTS, *GET, *EMPTY_STR; /* interned: "texts", "get", "" */

/* pdf_layout._has_actual_text over a row's glyphs: a letter after a letter at zero width, not a mark */
static int has_actual_text(const Glyph *g, Py_ssize_t n)
{
    for (Py_ssize_t i = 1; i < n; i++) {
        if (!(g[i].x1 - g[i].x0 < EDGE) || !Py_UNICODE_ISALPHA(g[i - 1].c) || !Py_UNICODE_ISALPHA(g[i].c))
            continue;
        int k = kind(g[i].c);
        if (k < 0)
            return -1;
        if (!(k & COMBINING))
            return 1;
    }
    return 0;
}

static int push(Glyph **items, Py_ssize_t *m, Py_ssize_t *cap, Glyph g)
{
    if (grow((void **)items, cap, *m + 1, sizeof(Glyph)))
        return -1;
    (*items)[(*m)++] = g;
    return 0;
}

/* pdf_layout._glyphs of a row's glyphs as written: an unresolved glyph takes the first text the
   font program left at its origin (`recovered`: origin key -> texts, consumed as pdf_layout
   consumes them), U+FFFD when none; a ligature's further letters ride at its right edge; on a
   line carrying ActualText the unresolved glyphs are dropped. Then the lam-alef riders. The
   glyphs in a new array (*out, PyMem_Free it); its length, or -1 with an exception set. */
static Py_ssize_t repaired(const Glyph *g, Py_ssize_t n, PyObject *recovered, Glyph **out)
{
    Py_ssize_t m = 0, cap = 0, first = 0;
    Glyph *o = NULL;
    while (first < n && !unresolved(g[first].c))
        first++;
    int actual = first < n ? has_actual_text(g, n) : 0;
    if (actual < 0)
        return -1;
    int lookup = first < n && (actual || PyDict_GET_SIZE(recovered) > 0);
    for (Py_ssize_t i = 0; i < n; i++) {
        Glyph here = g[i];
        if (!unresolved(here.c) || !lookup) {
            if (unresolved(here.c))
                here.c = 0xFFFD; /* the page's fonts told nothing */
            if (push(&o, &m, &cap, here))
                goto fail;
            continue;
        }
        if (actual)
            continue; /* MuPDF gives both an ActualText string and the unmapped glyphs it stands for */
        PyObject *key = origin_key((double)here.origin_x, (double)here.origin_y);
        PyObject *texts = key ? PyDict_GetItemWithError(recovered, key) : NULL;
        Py_XDECREF(key);
        if (!texts && PyErr_Occurred())
            goto fail;
        PyObject *piece = NULL;
        if (texts && PyList_Check(texts) && PyList_GET_SIZE(texts) > 0) {
            piece = Py_NewRef(PyList_GET_ITEM(texts, 0));
            if (PySequence_DelItem(texts, 0)) {
                Py_DECREF(piece);
                goto fail;
            }
        } else if (texts && !PyList_Check(texts)) {
            PyErr_SetString(PyExc_TypeError, "recovered texts must be lists");
            goto fail;
        }
        Py_ssize_t len = piece && PyUnicode_Check(piece) ? PyUnicode_GET_LENGTH(piece) : 0;
        here.c = len ? PyUnicode_READ_CHAR(piece, 0) : 0xFFFD;
        int bad = push(&o, &m, &cap, here);
        for (Py_ssize_t j = 1; !bad && j < len; j++) /* a ligature: its further letters ride at the glyph's end */
            bad = push(&o, &m, &cap, (Glyph){PyUnicode_READ_CHAR(piece, j), here.x1, here.x1, here.origin_x, here.origin_y});
        Py_XDECREF(piece);
        if (bad)
            goto fail;
    }
    riders_after_base(o, m);
    *out = o;
    return m;
fail:
    PyMem_Free(o);
    return -1;
}

/* repair_line(glyphs, origins, recovered) -> glyphs: `repaired` over a line given from Python
   (glyph tuples as written, their origins as float pairs), for the twin tests of pdf_layout._glyphs. */
static PyObject *repair_line(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *origins, *recovered;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &glyphs, &PyList_Type, &origins, &PyDict_Type, &recovered))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(glyphs);
    if (PyList_GET_SIZE(origins) != n) {
        PyErr_SetString(PyExc_ValueError, "one origin per glyph");
        return NULL;
    }
    Glyph *g = PyMem_Malloc((n ? n : 1) * sizeof(Glyph)), *fixed = NULL;
    if (!g)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        double x0, x1, ox, oy;
        PyObject *ch;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(glyphs, i), "Udd", &ch, &x0, &x1) ||
            !PyArg_ParseTuple(PyList_GET_ITEM(origins, i), "dd", &ox, &oy) || PyUnicode_GET_LENGTH(ch) != 1) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "a glyph is (one character, x0, x1)");
            PyMem_Free(g);
            return NULL;
        }
        g[i] = (Glyph){PyUnicode_READ_CHAR(ch, 0), x0, x1, (float)ox, (float)oy};
    }
    Py_ssize_t m = repaired(g, n, recovered, &fixed);
    PyMem_Free(g);
    PyObject *out = m < 0 ? NULL : PyList_New(m);
    for (Py_ssize_t i = 0; out && i < m; i++) {
        PyObject *t = glyph_tuple(fixed[i].c, fixed[i].x0, fixed[i].x1);
        if (!t)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, i, t);
    }
    PyMem_Free(fixed);
    return out;
}

static PyObject *row_reading(const Glyph *g, Py_ssize_t n, double size); /* below */

/* One row (lines[first:end] of a block) as (x0, y0, x1, y1, size, bold, upright, pieces), and for
   glyph-level rows (origins, reading) after them: with `plain` the glyphs as written (no lam-alef
   riders moved) and their origins, reading None; otherwise origins None and the row's reading
   (`row_reading`: text, rtl, fixes; None for Python to read). With `recovered`, its unresolved
   glyphs repaired (`repaired`). */
static PyObject *packed_glyphs(const Glyph *g, Py_ssize_t n)
{
    PyObject *out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(G));
    if (!out)
        return NULL;
    G *to = (G *)PyBytes_AS_STRING(out);
    memset(to, 0, n * sizeof(G)); /* the padding too: equal rows, equal bytes */
    for (Py_ssize_t i = 0; i < n; i++) {
        to[i].c = g[i].c;
        to[i].x0 = g[i].x0;
        to[i].x1 = g[i].x1;
    }
    return out;
}

static PyObject *row_tuple(Page *p, Py_ssize_t first, Py_ssize_t end, int raw, int plain, PyObject *recovered, int packed)
{
    Line *l0 = &p->lines[first];
    double x0 = l0->rect.x0, y0 = l0->rect.y0, x1 = l0->rect.x1, y1 = l0->rect.y1;
    for (Py_ssize_t i = first + 1; i < end; i++) {
        fz_rect r = p->lines[i].rect;
        if (r.x0 < x0) x0 = r.x0;
        if (r.y0 < y0) y0 = r.y0;
        if (r.x1 > x1) x1 = r.x1;
        if (r.y1 > y1) y1 = r.y1;
    }
    Py_ssize_t s0 = l0->span_start, s1 = p->lines[end - 1].span_end; /* a row's spans are contiguous */
    Span *main = &p->spans[s0];
    for (Py_ssize_t s = s0 + 1; s < s1; s++)
        if (p->spans[s].end - p->spans[s].start > main->end - main->start)
            main = &p->spans[s];
    int upright = fabs((double)l0->dir.y) < 0.05 && l0->dir.x > 0;
    PyObject *pieces, *origins = NULL, *reading = NULL;
    if (raw) {
        Py_ssize_t g0 = p->spans[s0].start, g1 = p->spans[s1 - 1].end;
        /* glyphs of dropped spans do not exist, so the row's glyphs are contiguous too */
        Glyph *glyphs = p->glyphs + g0, *fixed = NULL;
        Py_ssize_t n = g1 - g0;
        if (recovered) {
            if ((n = repaired(glyphs, n, recovered, &fixed)) < 0)
                return NULL;
            glyphs = fixed;
        } else if (!plain)
            riders_after_base(glyphs, n);
        if (packed && !plain) { /* read here: the glyphs are wanted again only where a table may be */
            reading = row_reading(glyphs, n, (double)main->size);
            if (reading && reading != Py_None) {
                pieces = packed_glyphs(glyphs, n);
                PyMem_Free(fixed);
                if (!pieces) {
                    Py_DECREF(reading);
                    return NULL;
                }
                goto built;
            }
            Py_XDECREF(reading);
            if (!reading) {
                PyMem_Free(fixed);
                return NULL;
            }
        }
        pieces = PyList_New(n);
        origins = plain ? PyList_New(n) : NULL;
        if (!pieces || (plain && !origins)) {
            Py_XDECREF(pieces);
            Py_XDECREF(origins);
            PyMem_Free(fixed);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *t = glyph_tuple(glyphs[i].c, glyphs[i].x0, glyphs[i].x1);
            PyObject *o = plain ? Py_BuildValue("(ff)", glyphs[i].origin_x, glyphs[i].origin_y) : NULL;
            if (!t || (plain && !o)) {
                Py_XDECREF(t);
                Py_XDECREF(o);
                Py_DECREF(pieces);
                Py_XDECREF(origins);
                PyMem_Free(fixed);
                return NULL;
            }
            PyList_SET_ITEM(pieces, i, t);
            if (plain)
                PyList_SET_ITEM(origins, i, o);
        }
        reading = plain ? Py_NewRef(Py_None) : row_reading(glyphs, n, (double)main->size);
        PyMem_Free(fixed);
        if (!reading) {
            Py_DECREF(pieces);
            Py_XDECREF(origins);
            return NULL;
        }
    } else {
        pieces = PyList_New(s1 - s0);
        if (!pieces)
            return NULL;
        for (Py_ssize_t s = s0; s < s1; s++) {
            Span *sp = &p->spans[s];
            Py_ssize_t n = sp->end - sp->start;
            PyObject *text = PyUnicode_New(n, 0x10FFFF);
            if (!text) {
                Py_DECREF(pieces);
                return NULL;
            }
            for (Py_ssize_t i = 0; i < n; i++) {
                Py_UCS4 c = p->glyphs[sp->start + i].c;
                PyUnicode_WRITE(PyUnicode_4BYTE_KIND, PyUnicode_DATA(text), i, (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c);
            }
            PyObject *narrow = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, PyUnicode_DATA(text), n);
            Py_DECREF(text);
            PyObject *t = narrow ? Py_BuildValue("(Ndd)", narrow, (double)sp->rect.x0, (double)sp->rect.x1) : NULL;
            if (!t) {
                Py_DECREF(pieces);
                return NULL;
            }
            PyList_SET_ITEM(pieces, s - s0, t);
        }
    }
built:;
    PyObject *bold = (main->flags & FLAG_BOLD) ? Py_True : Py_False, *up = upright ? Py_True : Py_False;
    if (raw)
        return Py_BuildValue("(ddddfOONNN)", x0, y0, x1, y1, main->size, bold, up, pieces, origins ? origins : Py_NewRef(Py_None), reading);
    return Py_BuildValue("(ddddfOON)", x0, y0, x1, y1, main->size, bold, up, pieces);
}

/* pdf_layout._rows: lines on one baseline (within SAME_ROW em) and of one direction are one row */
#define SAME_ROW 0.3

static int add_block(Page *p, fz_rect rect, Py_ssize_t first, Py_ssize_t end, void *arg)
{
    RowsArg *a = arg;
    PyObject *rows = PyList_New(0);
    if (!rows)
        return -1;
    Py_ssize_t start = first;
    for (Py_ssize_t i = first; i <= end; i++) {
        if (i < end && i > start) {
            Line *prev = &p->lines[i - 1], *ln = &p->lines[i];
            double bigger = ln->size > prev->size ? ln->size : prev->size;
            if (fabs((double)prev->origin_y - (double)ln->origin_y) < SAME_ROW * bigger &&
                ln->dir.x == prev->dir.x && ln->dir.y == prev->dir.y)
                continue;
        }
        if (i > start) {
            PyObject *row = row_tuple(p, start, i, a->raw, a->plain, a->recovered, a->packed);
            if (!row || PyList_Append(rows, row)) {
                Py_XDECREF(row);
                Py_DECREF(rows);
                return -1;
            }
            Py_DECREF(row);
            start = i;
        }
    }
    PyObject *block = Py_BuildValue("(ddddN)", (double)rect.x0, (double)rect.y0, (double)rect.x1, (double)rect.y1, rows);
    if (!block || PyList_Append(a->blocks, block)) {
        Py_XDECREF(block);
        return -1;
    }
    Py_DECREF(block);
    return 0;
}

/* rows(textpage address, glyph_level, plain=False, recovered=None, packed=False) -> [(x0, y0, x1, y1, [row, ...]), ...]
   or None (a page pymupdf must read). A row's pieces are glyphs (char, x0, x1) or spans (text, x0, x1).
   `recovered` (glyph level, not with `plain`): the dict pdf_glyphs.GlyphRepair.page gives. */
static PyObject *page_rows(PyObject *self, PyObject *args)
{
    PyObject *address;
    PyObject *recovered = Py_None;
    int raw, plain = 0, packed = 0;
    if (!PyArg_ParseTuple(args, "Op|pOp", &address, &raw, &plain, &recovered, &packed))
        return NULL;
    if (recovered != Py_None && !PyDict_Check(recovered)) {
        PyErr_SetString(PyExc_TypeError, "recovered must be a dict or None");
        return NULL;
    }
    fz_stext_page *page = page_of(address);
    if (!page)
        return NULL;
    RowsArg a = {raw, plain && raw && recovered == Py_None, raw && recovered != Py_None ? recovered : NULL, PyList_New(0), packed};
    if (!a.blocks)
        return NULL;
    Page p = {0};
    int rc = walk(page, &p, add_block, &a);
    page_free(&p);
    if (rc == 1) {
        Py_DECREF(a.blocks);
        Py_RETURN_NONE;
    }
    if (rc) {
        Py_DECREF(a.blocks);
        return NULL;
    }
    return a.blocks;
}

/* unresolved_fonts(textpage address) -> names of the fonts whose spans hold an unresolved glyph
   (pdf_layout._unresolved_fonts of `rawdict`), or None (a page, or a font name, pymupdf must read). */
static PyObject *unresolved_fonts(PyObject *self, PyObject *arg)
{
    fz_stext_page *page = page_of(arg);
    if (!page)
        return NULL;
    Page p = {0};
    int rc = walk(page, &p, NULL, NULL);
    PyObject *names = rc == 0 ? PySet_New(NULL) : NULL;
    if (rc == 1)
        names = Py_NewRef(Py_None);
    for (Py_ssize_t s = 0; rc == 0 && names && s < p.n_spans; s++) {
        Span *sp = &p.spans[s];
        Py_ssize_t i = sp->start;
        while (i < sp->end && !unresolved(p.glyphs[i].c))
            i++;
        if (i == sp->end)
            continue;
        for (const char *c = sp->font; *c; c++)
            if ((unsigned char)*c >= 0x80 || *c == '\\') { /* pymupdf unescapes such names its own way */
                Py_SETREF(names, Py_NewRef(Py_None));
                break;
            }
        if (names == Py_None)
            break;
        PyObject *name = PyUnicode_FromString(sp->font);
        if (!name || PySet_Add(names, name))
            Py_CLEAR(names);
        Py_XDECREF(name);
    }
    page_free(&p);
    return names;
}

/* FontGlyphs.get(gid) or "" (a new reference; NULL on error): the font's `texts` list answers where
   it holds a str (what get gives), get itself otherwise (an unknown glyph: GSUB read the first time). */
static PyObject *font_answer(PyObject *font, long gid)
{
    PyObject *texts = PyObject_GetAttr(font, TEXTS);
    if (!texts)
        return NULL;
    PyObject *text = PyList_Check(texts) && gid >= 0 && gid < PyList_GET_SIZE(texts) ? PyList_GET_ITEM(texts, gid) : NULL;
    if (text && PyUnicode_Check(text) && PyUnicode_GET_LENGTH(text)) {
        Py_INCREF(text);
        Py_DECREF(texts);
        return text;
    }
    Py_DECREF(texts);
    PyObject *gid_obj = PyLong_FromLong(gid);
    text = gid_obj ? PyObject_CallMethodOneArg(font, GET, gid_obj) : NULL;
    Py_XDECREF(gid_obj);
    if (!text)
        return NULL;
    int truth = PyObject_IsTrue(text);
    if (truth <= 0) {
        Py_DECREF(text);
        return truth < 0 ? NULL : Py_NewRef(EMPTY_STR);
    }
    return text;
}

/* trace_texts(texttrace spans, candidates) -> {origin key: [text, ...]}: GlyphRepair.page's loop
   over `page.get_texttrace()`, twin of pdf_glyphs.trace_texts (candidates(font name) -> the
   FontGlyphs that may be that span's font, asked once per span holding an unresolved glyph). */
static PyObject *trace_texts(PyObject *self, PyObject *args)
{
    PyObject *spans, *candidates, *spans_fast = NULL, *found = NULL, *chars_key = NULL, *font_key = NULL;
    if (!PyArg_ParseTuple(args, "OO", &spans, &candidates))
        return NULL;
    if (!(spans_fast = PySequence_Fast(spans, "spans must be a sequence")) || !(found = PyDict_New()) ||
        !(chars_key = PyUnicode_InternFromString("chars")) || !(font_key = PyUnicode_InternFromString("font")))
        goto fail;
    for (Py_ssize_t s = 0; s < PySequence_Fast_GET_SIZE(spans_fast); s++) {
        PyObject *span = PySequence_Fast_GET_ITEM(spans_fast, s);
        PyObject *chars = PyObject_GetItem(span, chars_key);
        PyObject *chars_fast = chars ? PySequence_Fast(chars, "chars must be a sequence") : NULL;
        Py_XDECREF(chars);
        if (!chars_fast)
            goto fail;
        PyObject *fonts = NULL; /* a sequence, once asked */
        int ok = 1;
        for (Py_ssize_t i = 0; ok && i < PySequence_Fast_GET_SIZE(chars_fast); i++) {
            PyObject *ch = PySequence_Fast_GET_ITEM(chars_fast, i);
            ok = 0;
            if (!PyTuple_Check(ch) || PyTuple_GET_SIZE(ch) < 3) {
                PyErr_SetString(PyExc_TypeError, "a texttrace character is (code, gid, origin, bbox)");
                break;
            }
            long code = PyLong_AsLong(PyTuple_GET_ITEM(ch, 0));
            if (code == -1 && PyErr_Occurred())
                break;
            if (!(code < 0 || code >= 0x110000 || unresolved((Py_UCS4)code))) {
                ok = 1;
                continue;
            }
            long gid = PyLong_AsLong(PyTuple_GET_ITEM(ch, 1));
            if (gid == -1 && PyErr_Occurred())
                break;
            if (!fonts) {
                PyObject *name = PyObject_GetItem(span, font_key);
                PyObject *got = name ? PyObject_CallOneArg(candidates, name) : NULL;
                Py_XDECREF(name);
                fonts = got ? PySequence_Fast(got, "candidates must give a sequence") : NULL;
                Py_XDECREF(got);
                if (!fonts)
                    break;
            }
            PyObject *text = Py_NewRef(EMPTY_STR); /* no candidate font answers */
            for (Py_ssize_t f = 0; text == EMPTY_STR && f < PySequence_Fast_GET_SIZE(fonts); f++)
                Py_SETREF(text, font_answer(PySequence_Fast_GET_ITEM(fonts, f), gid));
            if (!text)
                break;
            PyObject *origin = PyTuple_GET_ITEM(ch, 2), *key = NULL;
            if (PyTuple_Check(origin) && PyTuple_GET_SIZE(origin) == 2) {
                double x = PyFloat_AsDouble(PyTuple_GET_ITEM(origin, 0)), y = PyFloat_AsDouble(PyTuple_GET_ITEM(origin, 1));
                key = PyErr_Occurred() ? NULL : origin_key(x, y);
            } else
                PyErr_SetString(PyExc_TypeError, "an origin is (x, y)");
            PyObject *texts = key ? PyDict_GetItemWithError(found, key) : NULL;
            if (key && !texts && !PyErr_Occurred()) {
                texts = PyList_New(0);
                if (texts && PyDict_SetItem(found, key, texts))
                    Py_CLEAR(texts);
                Py_XDECREF(texts); /* the dict holds it */
            }
            ok = texts && PyList_Append(texts, text) == 0;
            Py_XDECREF(key);
            Py_DECREF(text);
        }
        Py_XDECREF(fonts);
        Py_DECREF(chars_fast);
        if (!ok)
            goto fail;
    }
    Py_DECREF(spans_fast);
    Py_DECREF(chars_key);
    Py_DECREF(font_key);
    return found;
fail:
    Py_XDECREF(spans_fast);
    Py_XDECREF(found);
    Py_XDECREF(chars_key);
    Py_XDECREF(font_key);
    return NULL;
}

/* ---- right-to-left lines ---- */

/* The (glyphs, size) arguments of every line function: the glyph tuples (char, x0, x1) copied to a new array
   (PyMem_Free it) and their count; -1 with an exception set on malformed arguments. */
static Py_ssize_t glyph_args(PyObject *args, G **out, double *size)
{
    PyObject *list;
    if (!PyArg_ParseTuple(args, "Od", &list, size))
        return -1;
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "glyphs must be a list");
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(list);
    G *g = PyMem_Malloc((n ? n : 1) * sizeof(G));
    if (!g) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyList_GET_ITEM(list, i);
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 3 || !PyUnicode_Check(PyTuple_GET_ITEM(t, 0)) ||
            PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(t, 0)) != 1) {
            PyMem_Free(g);
            PyErr_SetString(PyExc_TypeError, "a glyph is (one character, x0, x1)");
            return -1;
        }
        g[i].c = PyUnicode_READ_CHAR(PyTuple_GET_ITEM(t, 0), 0);
        g[i].x0 = PyFloat_AsDouble(PyTuple_GET_ITEM(t, 1));
        g[i].x1 = PyFloat_AsDouble(PyTuple_GET_ITEM(t, 2));
        if (PyErr_Occurred()) {
            PyMem_Free(g);
            return -1;
        }
    }
    *out = g;
    return n;
}

/* " ".join(text.split()) of a code point array */
static PyObject *words_joined(const Py_UCS4 *text, Py_ssize_t n)
{
    Py_UCS4 *out = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    if (!out)
        return PyErr_NoMemory();
    Py_ssize_t m = 0;
    int gap = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (Py_UNICODE_ISSPACE(text[i])) {
            gap = m > 0;
            continue;
        }
        if (gap)
            out[m++] = ' ';
        gap = 0;
        out[m++] = text[i];
    }
    PyObject *s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, m);
    PyMem_Free(out);
    return s;
}

typedef struct {
    Py_ssize_t start, end;
    double first_x1;
} Run;

static int by_first_x1_descending(const void *a, const void *b)
{
    const Run *r = a, *s = b;
    if (r->first_x1 != s->first_x1)
        return r->first_x1 > s->first_x1 ? -1 : 1;
    return r->start < s->start ? -1 : (r->start > s->start); /* stable, as list.sort */
}

/* pdf_layout.written_in_order after its text test: (glyphs, size) -> str or None */
static PyObject *written_in_order_of(G *g, Py_ssize_t n, double size);

static PyObject *written_in_order(PyObject *self, PyObject *args)
{
    double size;
    G *g;
    Py_ssize_t n = glyph_args(args, &g, &size);
    return n < 0 ? NULL : written_in_order_of(g, n, size);
}

/* written_in_order: the glyphs as an array, which it takes (PyMem_Free) */
static PyObject *written_in_order_of(G *g, Py_ssize_t n, double size)
{
    double touch = 0.05 * size, word_gap = 0.15 * size; /* pdf_layout.TOUCH, WORD_GAP */
    Run *runs = PyMem_Malloc((n ? n : 1) * sizeof(Run));
    Py_UCS4 *text = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    PyObject *out = NULL;
    Py_ssize_t n_runs = 0;
    if (!runs || !text) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = g[i].c;
        if (g[i].x1 - g[i].x0 < EDGE || c == ZWNJ) {
            int k = kind(c);
            if (k < 0)
                goto done;
            if (!((k & COMBINING) || c == ZWNJ) || !n_runs)
                goto none; /* a rider: ActualText or a ligature's second letter */
            g[i].x1 = g[i].x0; /* a mark or ZWNJ belongs where the stream put it */
            runs[n_runs - 1].end = i + 1;
            continue;
        }
        if (n_runs) {
            Run *run = &runs[n_runs - 1];
            G *last = &g[run->end - 1];
            if (g[i].x1 <= last->x0 + touch && (last->x1 - last->x0 >= EDGE || run->end - run->start > 1)) {
                run->end = i + 1;
                continue;
            }
        }
        runs[n_runs++] = (Run){i, i + 1, g[i].x1};
    }
    qsort(runs, n_runs, sizeof(Run), by_first_x1_descending);
    G *previous = NULL;
    Py_ssize_t m = 0;
    for (Py_ssize_t r = 0; r < n_runs; r++)
        for (Py_ssize_t i = runs[r].start; i < runs[r].end; i++) {
            text[m++] = g[i].c;
            if (g[i].x1 - g[i].x0 < EDGE)
                continue;
            if (g[i].c == ' ' && g[i].x1 - g[i].x0 < touch)
                goto none; /* a space with no advance: a ZWNJ drawn as one */
            if (previous) {
                double gap = previous->x0 - g[i].x1;
                if (gap < -touch || (gap > word_gap && g[i].c != ' ' && previous->c != ' '))
                    goto none;
            }
            previous = &g[i];
        }
    out = words_joined(text, m);
    goto done;
none:
    out = Py_NewRef(Py_None);
done:
    PyMem_Free(g);
    PyMem_Free(runs);
    PyMem_Free(text);
    return out;
}

static PyObject *FIX_REORDERED, *FIX_SPACES, *FIX_ZWNJ, *FIX_UNMIRRORED;

/* normalizers.rtl._one_way_parts: (glyphs, size) -> (text with its word separators, fixes) or None.
   The separators are " ", ZWNJ or "\0" (apart by less than a word space: rtl removes it after
   looking for unjoined letter forms). */
static PyObject *one_way_parts_of(G *all, Py_ssize_t n, double size);

static PyObject *one_way_parts(PyObject *self, PyObject *args)
{
    double size;
    G *all;
    Py_ssize_t n = glyph_args(args, &all, &size);
    return n < 0 ? NULL : one_way_parts_of(all, n, size);
}

/* one_way_parts: the glyphs as an array, which it takes (PyMem_Free) */
static PyObject *one_way_parts_of(G *all, Py_ssize_t n, double size)
{
    PyObject *out = NULL;
    G *g = PyMem_Malloc((n ? n : 1) * sizeof(G));
    double *spaces = PyMem_Malloc((n ? n : 1) * sizeof(double));
    double *centres = PyMem_Malloc((n ? n : 1) * sizeof(double));
    char *spaced = PyMem_Calloc(n ? n : 1, 1);
    Py_UCS4 *text = PyMem_Malloc((2 * n + 1) * sizeof(Py_UCS4));
    if (!g || !spaces || !centres || !spaced || !text) {
        PyErr_NoMemory();
        goto done;
    }
    if (n == 0)
        goto none;
    double narrowest = all[0].x1 - all[0].x0;
    Py_ssize_t n_spaces = 0, m = 0;
    int any_r = 0, other = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        double w = all[i].x1 - all[i].x0;
        if (w < narrowest)
            narrowest = w;
        int k = kind(all[i].c);
        if (k < 0)
            goto done;
        if (k & COMBINING)
            goto none;
        if (all[i].c == 0)
            goto none; /* rtl._APART in the line */
        if (Py_UNICODE_ISSPACE(all[i].c)) {
            spaces[n_spaces++] = all[i].x0; /* set aside: gaps decide, a space glyph only confirms */
            continue;
        }
        if ((k & KIND_MASK) == KIND_R)
            any_r = 1;
        else if ((k & KIND_MASK) != KIND_W)
            other = 1;
        g[m++] = all[i];
    }
    if (narrowest < 0.01 || !any_r || other)
        goto none;
    for (Py_ssize_t i = 1; i < n_spaces; i++) /* sorted (insertion: a line has few spaces) */
        for (Py_ssize_t j = i; j > 0 && spaces[j - 1] > spaces[j]; j--) {
            double t = spaces[j];
            spaces[j] = spaces[j - 1];
            spaces[j - 1] = t;
        }
    for (Py_ssize_t i = 0; i < m; i++)
        centres[i] = g[i].x0 + g[i].x1;
    int falling = 1, rising = 1;
    for (Py_ssize_t i = 0; i + 1 < m; i++) {
        if (!(centres[i] > centres[i + 1]))
            falling = 0;
        if (!(centres[i] < centres[i + 1]))
            rising = 0;
    }
    if (!falling) {
        if (!rising)
            goto none;
        for (Py_ssize_t i = 0, j = m - 1; i < j; i++, j--) {
            G t = g[i];
            g[i] = g[j];
            g[j] = t;
            double c = centres[i];
            centres[i] = centres[j];
            centres[j] = c;
        }
    }
    double touch = 0.05 * size, word_gap = 0.15 * size; /* rtl.TOUCH_EM, WORD_GAP_EM */
    /* rtl._spaced: neighbours i, i + 1 with a space glyph between them, candidates by bisection */
    for (Py_ssize_t s = 0; s < n_spaces; s++) {
        double x = spaces[s];
        double high = -2 * (x - touch), low = -2 * (x + touch);
        Py_ssize_t right = 0, left = 0; /* bisect_right(falling, high), bisect_left(falling, low) */
        while (right < m && -centres[right] <= high)
            right++;
        while (left < m && -centres[left] < low)
            left++;
        Py_ssize_t last = right - 1, first = left - 1 > 0 ? left - 1 : 0;
        if (last > m - 2)
            last = m - 2;
        for (Py_ssize_t i = first; i <= last; i++)
            if (g[i + 1].x1 - touch <= x && x <= g[i].x0 + touch)
                spaced[i] = 1;
    }
    PyObject *fixes = PySet_New(NULL);
    if (!fixes || PySet_Add(fixes, FIX_REORDERED))
        goto fixes_failed;
    Py_ssize_t t = 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        text[t++] = g[i].c;
        if (i + 1 == m)
            break;
        double gap = g[i].x0 - g[i + 1].x1;
        if (!(gap > touch) && !spaced[i])
            continue; /* letters of one word: joined, or a ZWNJ their forms call for (rtl) */
        if (gap > word_gap) {
            text[t++] = ' ';
            if (!spaced[i] && PySet_Add(fixes, FIX_SPACES))
                goto fixes_failed;
            continue;
        }
        int k0 = kind(g[i].c), k1 = kind(g[i + 1].c);
        if (k0 < 0 || k1 < 0)
            goto fixes_failed;
        if (gap > touch || (k0 & KIND_MASK) != KIND_R || (k1 & KIND_MASK) != KIND_R)
            text[t++] = spaced[i] ? ' ' : 0;
        else { /* a space glyph with no advance between two letters is how ZWNJ gets drawn */
            text[t++] = ZWNJ;
            if (PySet_Add(fixes, FIX_ZWNJ))
                goto fixes_failed;
        }
    }
    PyObject *joined = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, text, t);
    out = joined ? Py_BuildValue("(NN)", joined, fixes) : NULL;
    if (!joined)
        Py_DECREF(fixes);
    goto done;
fixes_failed:
    Py_XDECREF(fixes);
    goto done;
none:
    out = Py_NewRef(Py_None);
done:
    PyMem_Free(all);
    PyMem_Free(g);
    PyMem_Free(spaces);
    PyMem_Free(centres);
    PyMem_Free(spaced);
    PyMem_Free(text);
    return out;
}

/* ---- normalizers.rtl._logical_parts: any right-to-left line, visual to logical order ---- */

#define BIT(k) (1 << (k))
#define ENDS_UNJOINED 16   /* rtl._ends_unjoined */
#define STARTS_UNJOINED 32 /* rtl._starts_unjoined */

typedef struct {
    const Py_UCS4 *s;
    Py_ssize_t len;
    int kind; /* KIND_R .. KIND_W */
} Token;

typedef struct {
    Py_ssize_t start, len, order; /* its text in the line's buffer; order in the stream */
    double x0, x1;
    int kind;
} Cluster;

static const Py_UCS4 SPACE_CHAR = ' ', ZWNJ_CHAR = ZWNJ;

static int opening(const Token *t)
{
    if (t->len != 1)
        return 0;
    Py_UCS4 c = t->s[0];
    return c == '(' || c == '[' || c == '{' || c == '<' || c == 0xAB || c == 0x2039;
}

static int closing(const Token *t)
{
    if (t->len != 1)
        return 0;
    Py_UCS4 c = t->s[0];
    return c == ')' || c == ']' || c == '}' || c == '>' || c == 0xBB || c == 0x203A;
}

static Py_UCS4 mirrored(Py_UCS4 c)
{
    switch (c) {
    case '(': return ')';
    case ')': return '(';
    case '[': return ']';
    case ']': return '[';
    case '{': return '}';
    case '}': return '{';
    case '<': return '>';
    case '>': return '<';
    case 0xAB: return 0xBB;
    case 0xBB: return 0xAB;
    case 0x2039: return 0x203A;
    case 0x203A: return 0x2039;
    }
    return 0;
}

static int by_centre(const void *a, const void *b)
{
    const Cluster *c = a, *d = b;
    double x = c->x0 + c->x1, y = d->x0 + d->x1;
    if (x != y)
        return x < y ? -1 : 1;
    return c->order < d->order ? -1 : (c->order > d->order); /* stable, as list.sort */
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y);
}

/* rtl._closing: [start, end) extended over closing brackets that match brackets opened inside it */
static Py_ssize_t extend_closing(const Token *tokens, Py_ssize_t n, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t opened = 0;
    for (Py_ssize_t i = start; i < end; i++)
        opened += opening(&tokens[i]);
    if (!opened)
        return end;
    for (Py_ssize_t i = start; i < end; i++)
        opened -= closing(&tokens[i]);
    while (opened > 0 && end < n && closing(&tokens[end]))
        end++, opened--;
    return end;
}

/* rtl._runs: maximal [start, end) starting and ending on an `edge` kind, holding `inner` kinds only;
   with `tokens`, extended over the closing brackets of brackets opened inside. Returns the count. */
static Py_ssize_t find_runs(const int *kinds, Py_ssize_t n, int inner, int edge, const Token *tokens, Py_ssize_t *starts, Py_ssize_t *ends)
{
    Py_ssize_t count = 0, start = -1, last = -1;
    for (Py_ssize_t i = 0; i <= n; i++) {
        int k = i < n ? kinds[i] : 0; /* 0: the end, in no set */
        if (k && (edge & BIT(k))) {
            if (start < 0)
                start = i;
            last = i;
        } else if (!k || !(inner & BIT(k))) {
            if (start >= 0) {
                starts[count] = start;
                ends[count++] = tokens ? extend_closing(tokens, n, start, last + 1) : last + 1;
            }
            start = last = -1;
        }
    }
    return count;
}

/* rtl._reversed_keeping over items[0:n] (ints): reversed, but runs of `keep` kinds (with neutrals
   inside) keep their order; `tokens` (the same n) decide bracket runs. Writes out[0:n]. */
static void reversed_keeping(const int *items, const int *kinds, Py_ssize_t n, int keep, const Token *tokens,
                             Py_ssize_t *starts, Py_ssize_t *ends, Py_ssize_t *piece_start, Py_ssize_t *piece_end, int *out)
{
    Py_ssize_t runs = find_runs(kinds, n, keep | BIT(KIND_W), keep, n ? tokens : NULL, starts, ends);
    Py_ssize_t pieces = 0, i = 0;
    for (Py_ssize_t r = 0; r < runs; r++) {
        for (; i < starts[r]; i++)
            piece_start[pieces] = i, piece_end[pieces++] = i + 1;
        piece_start[pieces] = starts[r], piece_end[pieces++] = ends[r];
        i = ends[r];
    }
    for (; i < n; i++)
        piece_start[pieces] = i, piece_end[pieces++] = i + 1;
    Py_ssize_t m = 0;
    for (Py_ssize_t p = pieces - 1; p >= 0; p--)
        for (Py_ssize_t j = piece_start[p]; j < piece_end[p]; j++)
            out[m++] = items[j];
}

/* logical_parts(glyphs, size) -> (text in logical order, fixes): rtl._logical_parts, the line before
   rtl._finished (XePersian's heh, presentation forms). */
static PyObject *logical_parts_of(G *g, Py_ssize_t n, double size);

static PyObject *logical_parts(PyObject *self, PyObject *args)
{
    double size;
    G *g;
    Py_ssize_t n = glyph_args(args, &g, &size);
    return n < 0 ? NULL : logical_parts_of(g, n, size);
}

/* logical_parts: the glyphs as an array, which it takes (PyMem_Free) */
static PyObject *logical_parts_of(G *g, Py_ssize_t n, double size)
{
    Py_ssize_t cap = 2 * n + 2; /* tokens: clusters and the separators between them */
    PyObject *out = NULL, *fixes = PySet_New(NULL);
    Py_UCS4 *buf = PyMem_Malloc((n + 1) * sizeof(Py_UCS4));
    Cluster *clusters = PyMem_Malloc((n + 1) * sizeof(Cluster));
    double *spaces = PyMem_Malloc((n + 1) * sizeof(double));
    Token *tokens = PyMem_Malloc(cap * sizeof(Token)), *ordered = PyMem_Malloc(cap * sizeof(Token));
    int *kinds = PyMem_Malloc(cap * sizeof(int)), *index = PyMem_Malloc(cap * sizeof(int)), *order = PyMem_Malloc(cap * sizeof(int));
    int *flags = PyMem_Malloc(cap * sizeof(int)), *rtl_flags = PyMem_Malloc(cap * sizeof(int));
    Py_ssize_t *w = PyMem_Malloc(4 * cap * sizeof(Py_ssize_t)); /* run and piece bounds */
    Py_UCS4 *text = NULL;
    if (!fixes || !buf || !clusters || !spaces || !tokens || !ordered || !kinds || !index || !order || !flags || !rtl_flags || !w) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *starts = w, *ends = w + cap, *piece_start = w + 2 * cap, *piece_end = w + 3 * cap;
    /* rtl._clusters */
    Py_ssize_t n_clusters = 0, n_spaces = 0, used = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int k = kind(g[i].c);
        if (k < 0)
            goto done;
        if (n_clusters && (g[i].x1 - g[i].x0 < 0.01 || (k & COMBINING))) {
            buf[used++] = g[i].c; /* rides on the last cluster, whose text ends here */
            clusters[n_clusters - 1].len++;
        } else if (Py_UNICODE_ISSPACE(g[i].c)) {
            spaces[n_spaces++] = g[i].x0;
        } else {
            clusters[n_clusters] = (Cluster){used, 1, n_clusters, g[i].x0, g[i].x1, k & KIND_MASK};
            buf[used++] = g[i].c;
            n_clusters++;
        }
    }
    if (!n_clusters) {
        out = Py_BuildValue("(sO)", "", fixes);
        goto done;
    }
    qsort(clusters, n_clusters, sizeof(Cluster), by_centre);
    qsort(spaces, n_spaces, sizeof(double), by_value);
    Py_ssize_t r_count = 0, l_count = 0;
    for (Py_ssize_t c = 0; c < n_clusters; c++)
        r_count += clusters[c].kind == KIND_R, l_count += clusters[c].kind == KIND_L;
    int rtl = r_count > l_count;
    /* rtl._separators, and the tokens with them */
    double touch = 0.05 * size, word_gap = 0.15 * size; /* rtl.TOUCH_EM, WORD_GAP_EM */
    Py_ssize_t n_tokens = 0;
    int any_r = 0;
    for (Py_ssize_t c = 0; c < n_clusters; c++) {
        Cluster *right = &clusters[c];
        if (c) {
            Cluster *left = &clusters[c - 1];
            double gap = right->x0 - left->x1;
            int spaced = 0;
            if (n_spaces) {
                double from = left->x1 - touch;
                Py_ssize_t i = 0; /* bisect_left */
                while (i < n_spaces && spaces[i] < from)
                    i++;
                spaced = i < n_spaces && spaces[i] <= right->x0 + touch;
            }
            const Py_UCS4 *sep = NULL;
            if (gap > word_gap) {
                sep = &SPACE_CHAR;
                if (!spaced && PySet_Add(fixes, FIX_SPACES))
                    goto done;
            } else if (left->kind != KIND_R || right->kind != KIND_R || gap > touch) {
                sep = spaced ? &SPACE_CHAR : NULL;
            } else {
                int zwnj = spaced;
                if (!zwnj) { /* rtl._needs_zwnj: unjoined letter forms, in logical order */
                    Cluster *before = rtl ? right : left, *after = rtl ? left : right;
                    int kb = kind(buf[before->start + before->len - 1]), ka = kind(buf[after->start]);
                    if (kb < 0 || ka < 0)
                        goto done;
                    zwnj = (kb & ENDS_UNJOINED) && (ka & STARTS_UNJOINED);
                }
                if (zwnj) {
                    sep = &ZWNJ_CHAR;
                    if (PySet_Add(fixes, FIX_ZWNJ))
                        goto done;
                }
            }
            if (sep)
                tokens[n_tokens] = (Token){sep, 1, KIND_W}, n_tokens++;
        }
        tokens[n_tokens] = (Token){buf + right->start, right->len, right->kind};
        any_r |= right->kind == KIND_R;
        n_tokens++;
    }
    for (Py_ssize_t t = 0; t < n_tokens; t++)
        kinds[t] = tokens[t].kind, index[t] = (int)t;
    Py_ssize_t m = n_tokens;
    if (any_r) { /* rtl._reorder */
        int has_l = 0, has_n = 0;
        for (Py_ssize_t t = 0; t < n_tokens; t++)
            has_l |= kinds[t] == KIND_L, has_n |= kinds[t] == KIND_N;
        if (rtl && !has_l && !has_n) {
            for (Py_ssize_t t = 0; t < n_tokens; t++)
                order[t] = (int)(n_tokens - 1 - t), rtl_flags[t] = 1;
        } else if (rtl) {
            int keep = BIT(KIND_L) | BIT(KIND_N);
            reversed_keeping(index, kinds, n_tokens, keep, tokens, starts, ends, piece_start, piece_end, order);
            for (Py_ssize_t t = 0; t < n_tokens; t++)
                flags[t] = 1;
            Py_ssize_t runs = find_runs(kinds, n_tokens, keep | BIT(KIND_W), keep, tokens, starts, ends);
            for (Py_ssize_t r = 0; r < runs; r++)
                for (Py_ssize_t t = starts[r]; t < ends[r]; t++)
                    flags[t] = 0;
            reversed_keeping(flags, kinds, n_tokens, keep, tokens, starts, ends, piece_start, piece_end, rtl_flags);
        } else {
            Py_ssize_t runs = find_runs(kinds, n_tokens, BIT(KIND_R) | BIT(KIND_N) | BIT(KIND_W), BIT(KIND_R), NULL, starts, ends);
            Py_ssize_t *rs = PyMem_Malloc((2 * runs + 1) * sizeof(Py_ssize_t));
            if (!rs) {
                PyErr_NoMemory();
                goto done;
            }
            memcpy(rs, starts, runs * sizeof(Py_ssize_t)); /* starts, ends are reused by each run's reversal */
            memcpy(rs + runs, ends, runs * sizeof(Py_ssize_t));
            Py_ssize_t o = 0, i = 0;
            for (Py_ssize_t r = 0; r < runs; r++) {
                Py_ssize_t start = rs[r], end = rs[runs + r];
                for (; i < start; i++)
                    order[o] = (int)i, rtl_flags[o++] = 0;
                reversed_keeping(index + start, kinds + start, end - start, BIT(KIND_N), tokens + start, starts, ends, piece_start, piece_end, order + o);
                for (Py_ssize_t j = start; j < end; j++)
                    rtl_flags[o++] = 1;
                i = end;
            }
            for (; i < n_tokens; i++)
                order[o] = (int)i, rtl_flags[o++] = 0;
            PyMem_Free(rs);
        }
        for (Py_ssize_t t = 0; t < m; t++)
            ordered[t] = tokens[order[t]];
        if (PySet_Add(fixes, FIX_REORDERED))
            goto done;
        /* rtl._unmirror: in right-to-left text the first bracket must open */
        Py_ssize_t first = -1;
        for (Py_ssize_t t = 0; t < m && first < 0; t++)
            if (rtl_flags[t] && ordered[t].len == 1 && mirrored(ordered[t].s[0]))
                first = t;
        if (first >= 0 && !opening(&ordered[first])) {
            for (Py_ssize_t t = first; t < m; t++)
                if (rtl_flags[t] && ordered[t].len == 1 && mirrored(ordered[t].s[0]))
                    ordered[t].kind = -(int)mirrored(ordered[t].s[0]); /* written mirrored below */
            if (PySet_Add(fixes, FIX_UNMIRRORED))
                goto done;
        }
    } else {
        memcpy(ordered, tokens, m * sizeof(Token));
    }
    Py_ssize_t length = 0;
    for (Py_ssize_t t = 0; t < m; t++)
        length += ordered[t].len;
    text = PyMem_Malloc((length + 1) * sizeof(Py_UCS4));
    if (!text) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t t = 0; t < m; t++) {
        if (ordered[t].kind < 0) /* a mirrored bracket */
            text[at++] = (Py_UCS4)(-ordered[t].kind);
        else
            for (Py_ssize_t j = 0; j < ordered[t].len; j++)
                text[at++] = ordered[t].s[j];
    }
    PyObject *joined = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, text, at);
    if (joined)
        out = Py_BuildValue("(NO)", joined, fixes);
done:
    Py_XDECREF(fixes);
    PyMem_Free(g);
    PyMem_Free(buf);
    PyMem_Free(clusters);
    PyMem_Free(spaces);
    PyMem_Free(tokens);
    PyMem_Free(ordered);
    PyMem_Free(kinds);
    PyMem_Free(index);
    PyMem_Free(order);
    PyMem_Free(flags);
    PyMem_Free(rtl_flags);
    PyMem_Free(w);
    PyMem_Free(text);
    return out;
}

typedef struct {
    PyObject *piece; /* borrowed from the line's list; NULL for a packed glyph */
    Py_ssize_t index; /* in the stream */
    double x0, x1;
    Py_UCS4 c; /* a packed glyph's character */
} Inked;

static int by_x0(const void *a, const void *b)
{
    const Inked *p = a, *q = b;
    if (p->x0 != q->x0)
        return p->x0 < q->x0 ? -1 : 1;
    return p->index < q->index ? -1 : (p->index > q->index); /* stable, as list.sort */
}

static int by_index(const void *a, const void *b)
{
    const Inked *p = a, *q = b;
    return p->index < q->index ? -1 : (p->index > q->index);
}

/* cells(pieces, gap) -> None (the line is one cell) or [(x0, x1, pieces), ...]: pdf_tables.cell_groups,
   the table search's test and split of every line. Inked pieces (not all whitespace) next to each
   other in the stream with `gap` or more between them, either way round, make a line a candidate;
   its inked pieces, left to right, are then grouped while the white between them stays under
   `gap`; each group keeps the stream order (a ligature's letters as written). */
static PyObject *cells(PyObject *self, PyObject *args)
{
    PyObject *list;
    double gap;
    if (!PyArg_ParseTuple(args, "Od", &list, &gap))
        return NULL;
    const G *packed = PyBytes_Check(list) ? (const G *)PyBytes_AS_STRING(list) : NULL;
    if (!packed && !PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "pieces are a list or packed glyphs");
        return NULL;
    }
    Py_ssize_t n = packed ? PyBytes_GET_SIZE(list) / (Py_ssize_t)sizeof(G) : PyList_GET_SIZE(list), m = 0;
    Inked *inked = PyMem_Malloc((n ? n : 1) * sizeof(Inked));
    Py_ssize_t *group_end = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    PyObject *out = NULL;
    if (!inked || !group_end) {
        PyErr_NoMemory();
        goto done;
    }
    int far = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (packed) { /* one character each: whitespace or inked */
            if (Py_UNICODE_ISSPACE(packed[i].c))
                continue;
            double x0 = packed[i].x0, x1 = packed[i].x1;
            if (m && (x0 - inked[m - 1].x1 >= gap || inked[m - 1].x0 - x1 >= gap))
                far = 1;
            inked[m++] = (Inked){NULL, i, x0, x1, packed[i].c};
            continue;
        }
        PyObject *t = PyList_GET_ITEM(list, i);
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 3 || !PyUnicode_Check(PyTuple_GET_ITEM(t, 0))) {
            PyErr_SetString(PyExc_TypeError, "a piece is (text, x0, x1)");
            goto done;
        }
        PyObject *text = PyTuple_GET_ITEM(t, 0);
        Py_ssize_t len = PyUnicode_GET_LENGTH(text), j = 0;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        while (j < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
            j++;
        if (len && j == len)
            continue; /* str.isspace(): whitespace only */
        double x0 = PyFloat_AsDouble(PyTuple_GET_ITEM(t, 1)), x1 = PyFloat_AsDouble(PyTuple_GET_ITEM(t, 2));
        if (PyErr_Occurred())
            goto done;
        if (m && (x0 - inked[m - 1].x1 >= gap || inked[m - 1].x0 - x1 >= gap))
            far = 1;
        inked[m++] = (Inked){t, i, x0, x1, 0};
    }
    if (!far)
        goto one;
    qsort(inked, m, sizeof(Inked), by_x0);
    Py_ssize_t groups = 0;
    double right = 0.0;
    for (Py_ssize_t i = 0; i < m; i++) {
        if (groups && inked[i].x0 - right < gap) {
            if (!(right >= inked[i].x1)) /* max(right, x1) */
                right = inked[i].x1;
        } else {
            groups++;
            right = inked[i].x1;
        }
        group_end[groups - 1] = i + 1;
    }
    if (groups < 2)
        goto one;
    out = PyList_New(groups);
    if (!out)
        goto done;
    for (Py_ssize_t g = 0, start = 0; g < groups; start = group_end[g++]) {
        Py_ssize_t end = group_end[g];
        double x0 = inked[start].x0, x1 = inked[start].x1;
        for (Py_ssize_t i = start + 1; i < end; i++)
            if (inked[i].x1 > x1)
                x1 = inked[i].x1;
        qsort(inked + start, end - start, sizeof(Inked), by_index);
        PyObject *pieces = PyList_New(end - start);
        if (!pieces) {
            Py_CLEAR(out);
            goto done;
        }
        for (Py_ssize_t i = start; i < end; i++) {
            PyObject *piece = inked[i].piece ? Py_NewRef(inked[i].piece) : glyph_tuple(inked[i].c, inked[i].x0, inked[i].x1);
            if (!piece) {
                Py_DECREF(pieces);
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(pieces, i - start, piece);
        }
        PyObject *cell = Py_BuildValue("(ddN)", x0, x1, pieces);
        if (!cell) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, g, cell);
    }
    goto done;
one:
    out = Py_NewRef(Py_None);
done:
    PyMem_Free(inked);
    PyMem_Free(group_end);
    return out;
}

/* unpacked(pieces) -> the (char, x0, x1) tuples of a packed row's glyphs (`rows(..., packed=True)`);
   a list is given back as it is */
static PyObject *unpacked(PyObject *self, PyObject *arg)
{
    if (!PyBytes_Check(arg))
        return Py_NewRef(arg);
    const G *g = (const G *)PyBytes_AS_STRING(arg);
    Py_ssize_t n = PyBytes_GET_SIZE(arg) / (Py_ssize_t)sizeof(G);
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        PyObject *t = glyph_tuple(g[i].c, g[i].x0, g[i].x1);
        if (!t)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, i, t);
    }
    return out;
}

/* ---- normalizers.rtl._finished: XePersian's heh mended, presentation forms folded ---- */

#define FORMS_FIRST 0xFB50 /* rtl.folding_table's code points: U+FB50-U+FDFF, U+FE70-U+FEFC */
#define FORMS_LAST 0xFEFC
#define XEPERSIAN_HEH 0x06D5
static PyObject *folding[FORMS_LAST - FORMS_FIRST + 1]; /* presentation form -> its letters; NULL: kept */
static int folding_set = 0;
static PyObject *FIX_HEH, *FIX_FOLDED;

static PyObject *set_folding(PyObject *self, PyObject *table)
{
    if (!PyDict_Check(table)) {
        PyErr_SetString(PyExc_TypeError, "set_folding needs a dict");
        return NULL;
    }
    for (size_t i = 0; i < sizeof folding / sizeof *folding; i++)
        Py_CLEAR(folding[i]);
    folding_set = 0;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(table, &pos, &key, &value)) {
        long code = PyLong_AsLong(key);
        if (code == -1 && PyErr_Occurred())
            return NULL;
        if (code < FORMS_FIRST || code > FORMS_LAST || !PyUnicode_Check(value)) {
            PyErr_SetString(PyExc_ValueError, "set_folding: presentation form code point -> str only");
            return NULL;
        }
        folding[code - FORMS_FIRST] = Py_NewRef(value);
    }
    folding_set = 1;
    Py_RETURN_NONE;
}

/* what rtl.XEPERSIAN_HEH's lookahead accepts after U+06D5 */
static int heh_joins(Py_UCS4 c)
{
    return (c >= 0x0620 && c <= 0x064A) || (c >= 0x067E && c <= 0x06D3) || (c >= FORMS_FIRST && c <= FORMS_LAST);
}

/* rtl.SORANI_LETTERS: a Sorani text, where U+06D5 is a letter of its own */
static int sorani(Py_UCS4 c)
{
    return c == 0x06C6 || c == 0x06CE || c == 0x06B5 || c == 0x0695 || c == 0x06A4;
}

static PyObject *form_letters(Py_UCS4 c)
{
    return c >= FORMS_FIRST && c <= FORMS_LAST ? folding[c - FORMS_FIRST] : NULL;
}

/* rtl._finished(text, fixes) -> (text, sorted fixes), `fixes` (a set) updated as there. Two passes:
   lengths, then the mended text and the folded one side by side (a fix is named when its pass
   changed the text, compared as Python compares them). */
static PyObject *finished(PyObject *self, PyObject *args)
{
    PyObject *text, *fixes;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PySet_Type, &fixes))
        return NULL;
    if (!folding_set) {
        PyErr_SetString(PyExc_RuntimeError, "_stext.set_folding() was not called");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int text_kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int heh = 0, kurdish = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(text_kind, data, i);
        heh |= c == XEPERSIAN_HEH && i + 1 < n && heh_joins(PyUnicode_READ(text_kind, data, i + 1));
        kurdish |= sorani(c);
    }
    int mend = heh && !kurdish;
    Py_ssize_t mended_len = 0, folded_len = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(text_kind, data, i);
        PyObject *letters = form_letters(c);
        if (mend && c == XEPERSIAN_HEH && i + 1 < n && heh_joins(PyUnicode_READ(text_kind, data, i + 1))) {
            mended_len += 2;
            folded_len += 2;
        } else {
            mended_len += 1;
            folded_len += letters ? PyUnicode_GET_LENGTH(letters) : 1;
        }
    }
    Py_UCS4 *mended = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(mended_len + folded_len + 1));
    if (!mended)
        return PyErr_NoMemory();
    Py_UCS4 *folded = mended + mended_len, *m = mended, *f = folded;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(text_kind, data, i);
        PyObject *letters = form_letters(c);
        if (mend && c == XEPERSIAN_HEH && i + 1 < n && heh_joins(PyUnicode_READ(text_kind, data, i + 1))) {
            *m++ = 0x0647; /* heh, then ZWNJ: XePersian's joining heh read as Persian writes it */
            *m++ = ZWNJ;
            *f++ = 0x0647;
            *f++ = ZWNJ;
        } else if (letters) {
            *m++ = c;
            int letters_kind = PyUnicode_KIND(letters);
            const void *letters_data = PyUnicode_DATA(letters);
            for (Py_ssize_t j = 0; j < PyUnicode_GET_LENGTH(letters); j++)
                *f++ = PyUnicode_READ(letters_kind, letters_data, j);
        } else {
            *m++ = c;
            *f++ = c;
        }
    }
    int changed = mended_len != folded_len || memcmp(mended, folded, sizeof(Py_UCS4) * (size_t)mended_len) != 0;
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, folded, folded_len);
    PyMem_Free(mended);
    if (!out || (mend && PySet_Add(fixes, FIX_HEH)) || (changed && PySet_Add(fixes, FIX_FOLDED))) {
        Py_XDECREF(out);
        return NULL;
    }
    PyObject *names = PySequence_List(fixes);
    if (!names || PyList_Sort(names)) {
        Py_DECREF(out);
        Py_XDECREF(names);
        return NULL;
    }
    return Py_BuildValue("(NN)", out, names);
}

/* ---- a glyph-level row's text, as pdf_layout._Reader.text reads it ---- */

/* rtl.RTL_CHARS */
static int rtl_char(Py_UCS4 c)
{
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

/* pdf_layout.SIMPLE_RTL's characters: right-to-left letters, marks, ZWNJ, spaces, sentence punctuation */
static int simple_rtl_char(Py_UCS4 c)
{
    return (c >= 0x0621 && c <= 0x065F) || (c >= 0x066E && c <= 0x06D3) || (c >= 0x06D6 && c <= 0x06ED) ||
           (c >= 0x06FA && c <= 0x06FF) || c == ZWNJ || c == ' ' || c == '.' || c == ',' || c == 0x060C || c == 0x061B ||
           c == ':' || c == '!' || c == 0x061F;
}

/* a presentation form (rtl._unjoined_boundary's ranges) with the given kind flag */
static int form_with(Py_UCS4 c, int flag)
{
    if (!((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC)))
        return 0;
    int k = kind(c);
    return k < 0 ? -1 : (k & flag) != 0;
}

static Py_UCS4 bracket_mirror(Py_UCS4 c, int *opening) /* rtl.MIRROR; 0 for no bracket */
{
    static const Py_UCS4 pairs[][2] = {{'(', ')'}, {'[', ']'}, {'{', '}'}, {'<', '>'}, {0xAB, 0xBB}, {0x2039, 0x203A}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (c == pairs[i][0]) {
            *opening = 1;
            return pairs[i][1];
        }
        if (c == pairs[i][1]) {
            *opening = 0;
            return pairs[i][0];
        }
    }
    return 0;
}

/* rtl._written_one_way after its glyph-level half: ZWNJ where a form that ends unjoined meets one
   that starts unjoined, `_APART` marks dropped, brackets un-mirrored when the first one closes.
   A new str; `fixes` (a set) updated as there. */
static PyObject *one_way_tail(PyObject *text, PyObject *fixes)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = 0, zwnj = 0;
    Py_UCS4 *out = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(2 * n + 1));
    if (!out)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(text, i);
        if (c)
            out[m++] = c; /* _APART ("\x00") dropped once the boundaries are found */
        if (i + 1 < n) {
            int ends = form_with(c, ENDS_UNJOINED), starts = ends > 0 ? form_with(PyUnicode_READ_CHAR(text, i + 1), STARTS_UNJOINED) : 0;
            if (ends < 0 || starts < 0) {
                PyMem_Free(out);
                return NULL;
            }
            if (ends && starts) {
                out[m++] = ZWNJ;
                zwnj++;
            }
        }
    }
    int opening = 1;
    for (Py_ssize_t i = 0; i < m; i++)
        if (bracket_mirror(out[i], &opening))
            break;
    if (!opening)
        for (Py_ssize_t i = 0; i < m; i++) {
            int unused;
            Py_UCS4 other = bracket_mirror(out[i], &unused);
            if (other)
                out[i] = other;
        }
    PyObject *s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, m);
    PyMem_Free(out);
    if (s && ((zwnj && PySet_Add(fixes, FIX_ZWNJ)) || (!opening && PySet_Add(fixes, FIX_UNMIRRORED))))
        Py_CLEAR(s);
    return s;
}

/* pdf_layout._Reader.text of a glyph-level row holding right-to-left text: (text, rtl, fixes), the
   fixes a sorted list; None for a row with none (Python sorts its pieces and expands Latin
   ligatures). `pieces`: the row's glyph tuples, `g` the same glyphs. */
/* A copy of the row's glyphs for one of the line functions (which take it), or NULL (no memory). */
static G *g_copy(const Glyph *g, Py_ssize_t n)
{
    G *out = PyMem_Malloc((n ? n : 1) * sizeof(G));
    if (!out) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        out[i] = (G){g[i].c, g[i].x0, g[i].x1};
    return out;
}

static PyObject *row_reading(const Glyph *g, Py_ssize_t n, double size)
{
    int rtl = 0, simple = n > 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        rtl |= rtl_char(g[i].c);
        simple &= simple_rtl_char(g[i].c);
    }
    if (!rtl)
        Py_RETURN_NONE;
    PyObject *found = NULL, *out = NULL;
    G *copy;
    if (simple) { /* written_in_order */
        if (!(copy = g_copy(g, n)))
            return NULL;
        found = written_in_order_of(copy, n, size);
        if (found && found != Py_None) {
            out = Py_BuildValue("(NO[O])", found, Py_True, FIX_REORDERED);
            return out;
        }
        Py_CLEAR(found);
        if (PyErr_Occurred())
            return NULL;
    }
    if (!(copy = g_copy(g, n)))
        return NULL;
    found = one_way_parts_of(copy, n, size); /* rtl.logical_line: _written_one_way, else _logical_parts */
    PyObject *done = NULL;
    if (found && found != Py_None) {
        PyObject *fixes = PyTuple_GET_ITEM(found, 1), *text = one_way_tail(PyTuple_GET_ITEM(found, 0), fixes);
        PyObject *pair = text ? Py_BuildValue("(NO)", text, fixes) : NULL;
        done = pair ? finished(NULL, pair) : NULL;
        Py_XDECREF(pair);
    } else if (found) {
        PyObject *parts = (copy = g_copy(g, n)) ? logical_parts_of(copy, n, size) : NULL;
        done = parts ? finished(NULL, parts) : NULL;
        Py_XDECREF(parts);
    }
    Py_XDECREF(found);
    if (!done)
        return NULL;
    PyObject *text = PyTuple_GET_ITEM(done, 0);
    rtl = 0;
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(text) && !rtl; i++)
        rtl = rtl_char(PyUnicode_READ_CHAR(text, i));
    out = Py_BuildValue("(OOO)", text, rtl ? Py_True : Py_False, PyTuple_GET_ITEM(done, 1));
    Py_DECREF(done);
    return out;
}

/* line_reading(glyphs, size) -> `row_reading` of a line given from Python, for the twin tests */
static PyObject *line_reading(PyObject *self, PyObject *args)
{
    G *given;
    double size;
    Py_ssize_t n = glyph_args(args, &given, &size);
    if (n < 0)
        return NULL;
    Glyph *g = PyMem_Malloc((n ? n : 1) * sizeof(Glyph));
    if (!g) {
        PyMem_Free(given);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++)
        g[i] = (Glyph){given[i].c, given[i].x0, given[i].x1, 0.0f, 0.0f};
    PyMem_Free(given);
    PyObject *out = row_reading(g, n, size);
    PyMem_Free(g);
    return out;
}

static PyMethodDef methods[] = {
    {"page_text", page_text, METH_O, "page_text(textpage address) -> the page's text as `dict` spans give it, or None"},
    {"rows", page_rows, METH_VARARGS, "rows(textpage address, glyph_level, plain=False, recovered=None, packed=False) -> blocks of rows, or None"},
    {"unpacked", unpacked, METH_O, "unpacked(pieces) -> a packed row's glyphs as (char, x0, x1) tuples; a list as it is"},
    {"repair_line", repair_line, METH_VARARGS, "pdf_layout._glyphs: (glyphs as written, origins, recovered) -> glyphs"},
    {"line_reading", line_reading, METH_VARARGS, "pdf_layout._Reader.text of a glyph-level line: (glyphs, size) -> (text, rtl, fixes) or None"},
    {"trace_texts", trace_texts, METH_VARARGS, "pdf_glyphs.trace_texts: (texttrace spans, candidates) -> {origin key: [text, ...]}"},
    {"unresolved_fonts", unresolved_fonts, METH_O, "unresolved_fonts(textpage address) -> set of font names, or None"},
    {"written_in_order", written_in_order, METH_VARARGS, "pdf_layout.written_in_order's glyph loop: (glyphs, size) -> str or None"},
    {"cells", cells, METH_VARARGS, "pdf_tables.cell_groups: (pieces, gap) -> None or [(x0, x1, pieces), ...]"},
    {"logical_parts", logical_parts, METH_VARARGS, "normalizers.rtl._logical_parts: (glyphs, size) -> (text, fixes)"},
    {"one_way_parts", one_way_parts, METH_VARARGS, "normalizers.rtl._one_way_parts: (glyphs, size) -> (text, fixes) or None"},
    {"finished", finished, METH_VARARGS, "normalizers.rtl._finished: (text, fixes set) -> (text, sorted fixes)"},
    {"set_folding", set_folding, METH_O, "set_folding(rtl.folding_table()): presentation form code point -> its letters"},
    {"set_kinds", set_kinds, METH_O, "set_kinds(fn): fn(ch) -> bidi kind (1 R, 2 L, 3 N, 4 W) + 8 for a combining mark"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_stext", "Compiled reader of MuPDF structured text (see _stext.c).", -1, methods};

PyMODINIT_FUNC PyInit__stext(void)
{
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    FIX_REORDERED = PyUnicode_InternFromString("rtl_reordered");
    FIX_SPACES = PyUnicode_InternFromString("spaces_from_glyph_gaps");
    FIX_ZWNJ = PyUnicode_InternFromString("zwnj_from_glyph_gaps");
    FIX_UNMIRRORED = PyUnicode_InternFromString("brackets_unmirrored");
    FIX_HEH = PyUnicode_InternFromString("xepersian_heh");
    FIX_FOLDED = PyUnicode_InternFromString("presentation_forms_folded");
    TEXTS = PyUnicode_InternFromString("texts");
    GET = PyUnicode_InternFromString("get");
    EMPTY_STR = PyUnicode_InternFromString("");
    /* API: bumped with every change of what a function here takes or gives (extractors/pdf_stext.py
       refuses a stale build) */
    if (!FIX_REORDERED || !FIX_SPACES || !FIX_ZWNJ || !FIX_UNMIRRORED || !FIX_HEH || !FIX_FOLDED || !TEXTS || !GET || !EMPTY_STR ||
        PyModule_AddStringConstant(m, "MUPDF_VERSION", FZ_VERSION) || PyModule_AddIntConstant(m, "API", 5)) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
