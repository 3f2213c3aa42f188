// The GEMM driver: cache blocking and packing around the path's register-tile kernel.
//
// Loops (BLIS order): columns of c in blocks of nc; k in blocks of kc (b's block packed once, unless
// few rows read it); rows in blocks of mc (a's rows read in place; aᵀ packed when many column panels read
// it); then the register tiles, the last ones short (the kernels take 1...MR rows; narrow columns go
// through a tile buffer). Along k the tile kernel resumes
// the stored partial sums, so every element's sum runs p = 0, 1, ..., K-1 whatever the blocks.
#include "ck_internal.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// MARK: Per-thread scratch (packed blocks, an edge tile, a product buffer for beta != 0)

typedef struct { float *pack; size_t pack_cap; float *product; size_t product_cap; } scratch;

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p) {
    scratch *s = p;
    free(s->pack);
    free(s->product);
    free(s);
}
static void scratch_init(void) { pthread_key_create(&scratch_key, scratch_free); }

static scratch *thread_scratch(void) {
    pthread_once(&scratch_once, scratch_init);
    scratch *s = pthread_getspecific(scratch_key);
    if (!s) {
        s = calloc(1, sizeof *s);
        if (!s) abort();
        pthread_setspecific(scratch_key, s);
    }
    return s;
}

/// At least `floats` floats, 64-byte aligned, kept for the thread's next call.
static float *grow(float **buffer, size_t *cap, size_t floats) {
    if (*cap < floats) {
        free(*buffer);
        size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
        *buffer = aligned_alloc(64, bytes);
        if (!*buffer) abort();
        *cap = floats;
    }
    return *buffer;
}

// MARK: Packing (copies only: no arithmetic)

/// aᵀ rows [i0, i0+mb) x k [p0, p0+kb) (a stored (K,M)) into panels of mr rows: panel r holds
/// dst[p*mr + i]; the kernels read only a panel's own rows, so a short last panel needs no padding.
static void pack_at(const float *a, long lda, long i0, long p0, long mb, long kb, int mr, float *dst) {
    for (long ir = 0; ir < mb; ir += mr) {
        long rows = mb - ir < mr ? mb - ir : mr;
        float *panel = dst + ir * kb;
        for (long p = 0; p < kb; p++) {
            const float *src = a + (p0 + p) * lda + i0 + ir;
            for (long i = 0; i < rows; i++) panel[p * mr + i] = src[i];
        }
    }
}

/// op(b) k [p0, p0+kb) x columns [j0, j0+nb) into panels of nr columns: dst[p*nr + j]; columns past nb
/// are zeros.
static void pack_b(int trans, const float *b, long ldb, long p0, long j0, long kb, long nb, int nr, float *dst) {
    for (long jr = 0; jr < nb; jr += nr) {
        long cols = nb - jr < nr ? nb - jr : nr;
        float *panel = dst + jr * kb;
        if (!trans) {
            for (long p = 0; p < kb; p++) {
                const float *src = b + (p0 + p) * ldb + j0 + jr;
                float *row = panel + p * nr;
                for (long j = 0; j < cols; j++) row[j] = src[j];     // short rows: a loop beats memcpy's call
                for (long j = cols; j < nr; j++) row[j] = 0;
            }
        } else {
            for (long j = 0; j < cols; j++) {
                const float *src = b + (j0 + jr + j) * ldb + p0;
                for (long p = 0; p < kb; p++) panel[p * nr + j] = src[p];
            }
            if (cols < nr) for (long p = 0; p < kb; p++) for (long j = cols; j < nr; j++) panel[p * nr + j] = 0;
        }
    }
}

// MARK: Driver

/// One register tile of `rows` rows and `cols` columns (a and b as the kernel takes them, ck_internal.h);
/// through a tile buffer when it is narrower than the register tile and the path's kernel takes full widths only.
static void tile(const ck_ops *ops, long kb, const float *ap, long ars, long acs, const float *bp, long bs,
                 float *c, long ldc, long rows, long cols, int load, int apply, float alpha, float beta, float *edge) {
    int nr = ops->nr;
    if (cols == nr || ops->masked) {
        ops->ukernel((int)rows, (int)cols, kb, ap, ars, acs, bp, bs, c, ldc, load, apply, alpha, beta);
        return;
    }
    int reads = load || (apply && beta != 0);
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < nr; j++) edge[i * nr + j] = reads && j < cols ? c[i * ldc + j] : 0;
    ops->ukernel((int)rows, nr, kb, ap, ars, acs, bp, bs, edge, nr, load, apply, alpha, beta);
    for (long i = 0; i < rows; i++) memcpy(c + i * ldc, edge + i * nr, (size_t)cols * sizeof(float));
}

/// c = alpha*op(a)op(b) + beta*c with K >= 1, and beta == 0 whenever K > kc (partials live in c).
static void blocked(const ck_ops *ops, int ta, int tb, long m, long n, long k, float alpha,
                    const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) {
    long mr = ops->mr, nr = ops->nr, kc = ops->kc;
    long mc = ops->mc, nc = ops->nc;
    long mcap = (m < mc ? (m + mr - 1) / mr * mr : mc), ncap = (n < nc ? (n + nr - 1) / nr * nr : nc);
    long kcap = k < kc ? k : kc;
    scratch *s = thread_scratch();
    float *pack = grow(&s->pack, &s->pack_cap, (size_t)(kcap * (mcap + ncap) + mr * nr));
    float *bp = pack, *ap = pack + kcap * ncap, *edge = ap + kcap * mcap;
    // Packing pays when a panel is read many times: aᵀ's panels by every column panel of c, b's by every
    // row panel. Otherwise the kernels read the operand in place (a's rows always: they are contiguous in k).
    int pack_a = ta && n > 2 * nr, pack_b_all = tb || m > 2 * mr;
    for (long jc = 0; jc < n; jc += nc) {
        // b in place: whole panels always; the short last one too where the kernel masks its columns.
        long nb = n - jc < nc ? n - jc : nc, whole_b = ops->masked ? nb : nb / nr * nr;
        for (long pc = 0; pc < k; pc += kc) {
            long kb = k - pc < kc ? k - pc : kc;
            int load = pc > 0, apply = pc + kb == k;
            if (pack_b_all) pack_b(tb, b, ldb, pc, jc, kb, nb, (int)nr, bp);
            else if (whole_b < nb) pack_b(tb, b, ldb, pc, jc + whole_b, kb, nb - whole_b, (int)nr, bp);
            for (long ic = 0; ic < m; ic += mc) {
                long mb = m - ic < mc ? m - ic : mc;
                if (pack_a) pack_at(a, lda, ic, pc, mb, kb, (int)mr, ap);
                for (long jr = 0; jr < nb; jr += nr) {
                    long cols = nb - jr < nr ? nb - jr : nr;
                    const float *bpanel = pack_b_all ? bp + jr * kb : (jr < whole_b ? b + pc * ldb + jc + jr : bp);
                    long bs = pack_b_all || jr >= whole_b ? nr : ldb;
                    for (long ir = 0; ir < mb; ir += mr) {
                        long rows = mb - ir < mr ? mb - ir : mr;
                        const float *apanel = pack_a ? ap + ir * kb : ta ? a + pc * lda + ic + ir : a + (ic + ir) * lda + pc;
                        long ars = ta ? 1 : lda, acs = pack_a ? mr : ta ? lda : 1;
                        tile(ops, kb, apanel, ars, acs, bpanel, bs, c + (ic + ir) * ldc + jc + jr, ldc,
                             rows, cols, load, apply, alpha, beta, edge);
                    }
                }
            }
        }
    }
}

void ck_sgemm(int ta, int tb, long m, long n, long k, float alpha,
              const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) {
    if (m <= 0 || n <= 0) return;
    const ck_ops *ops = ck_active();
    if (k <= 0) {               // the empty sum: s = 0
        float t = alpha * 0.0f;
        for (long i = 0; i < m; i++)
            for (long j = 0; j < n; j++) c[i * ldc + j] = beta == 0 ? t : fmaf(beta, c[i * ldc + j], t);
        return;
    }
    if (beta == 0 || k <= ops->kc) {
        blocked(ops, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
    // K spans several blocks and c's old values are needed at the end: sum into a buffer first.
    scratch *s = thread_scratch();
    float *t = grow(&s->product, &s->product_cap, (size_t)(m * n));
    blocked(ops, ta, tb, m, n, k, alpha, a, lda, b, ldb, 0, t, n);
    for (long i = 0; i < m; i++) ops->fma_into(c + i * ldc, t + i * n, n, beta);
}

void ck_sgemm_reference(int ta, int tb, long m, long n, long k, float alpha,
                        const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) {
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
            float s = 0;
            for (long p = 0; p < k; p++) s = fmaf(ta ? a[p * lda + i] : a[i * lda + p], tb ? b[j * ldb + p] : b[p * ldb + j], s);
            c[i * ldc + j] = beta == 0 ? alpha * s : fmaf(beta, c[i * ldc + j], alpha * s);
        }
}
