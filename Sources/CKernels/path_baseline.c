// The baseline path: plain C (SSE2 on x86-64), every fused multiply-add through the C library's fmaf (one rounding,
// exact on any CPU; a function call each on x86-64 builds without FMA, hence slow).
#include "ck_internal.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

// One lane: the scalar definition every vector path reproduces.
#define W 1
typedef float V;
typedef int32_t VI;
typedef int M;
static inline VI bits_of(float v) { VI i; memcpy(&i, &v, 4); return i; }
static inline float float_of(VI i) { float v; memcpy(&v, &i, 4); return v; }
#define SET(c) ((float)(c))
#define LOAD(p) (*(p))
#define STORE(p, v) (*(p) = (v))
#define ADD(a, b) ((a) + (b))
#define SUB(a, b) ((a) - (b))
#define MUL(a, b) ((a) * (b))
#define DIV(a, b) ((a) / (b))
#define FMA(a, b, c) fmaf(a, b, c)
#define LT(a, b) ((a) < (b))
#define GT(a, b) ((a) > (b))
#define GE(a, b) ((a) >= (b))
#define EQ(a, b) ((a) == (b))
#define NE(a, b) ((a) != (b))
#define SELECT(m, a, b) ((m) ? (a) : (b))
#define SELECT_I(m, a, b) ((m) ? (a) : (b))
#define OR_M(a, b) ((a) || (b))
#define CONVERT(i) ((float)(i))
#define ABS(v) float_of(bits_of(v) & 0x7fffffff)
#define SIGN(v) float_of((VI)((uint32_t)bits_of(v) & 0x80000000u))
#define OR_BITS(a, b) float_of(bits_of(a) | bits_of(b))
#define BITS(v) bits_of(v)
#define FLOAT(i) float_of(i)
#define ISET(c) ((VI)(c))
#define IADD(a, b) ((VI)((uint32_t)(a) + (uint32_t)(b)))
#define ISUB(a, b) ((VI)((uint32_t)(a) - (uint32_t)(b)))
#define IAND(a, b) ((a) & (b))
#define ISRA(a, s) ((a) >> (s))
#define ISLL(a, s) ((VI)((uint32_t)(a) << (s)))
#include "math_impl.h"

enum { MR = 4, NR = 8 };


static void ukernel(int rows, int cols, long kc, const float *a, long ars, long acs, const float *b, long bs, float *c, long ldc,
                    int load, int apply, float alpha, float beta) {
    (void)cols;      // always NR: narrower tiles go through the driver's tile buffer
    float s[MR][NR];
    for (int i = 0; i < rows; i++) for (int j = 0; j < NR; j++) s[i][j] = load ? c[i * ldc + j] : 0;
    for (long p = 0; p < kc; p++, b += bs)     // a_ip = a[i*ars + p*acs], b_pj = b[p*bs + j]
        for (int i = 0; i < rows; i++) for (int j = 0; j < NR; j++) s[i][j] = fmaf(a[i * ars + p * acs], b[j], s[i][j]);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < NR; j++) {
            float *out = c + i * ldc + j;
            if (!apply) *out = s[i][j];
            else if (beta == 0) *out = alpha * s[i][j];
            else *out = fmaf(beta, *out, alpha * s[i][j]);
        }
}

static void fma_into(float *c, const float *t, long n, float beta) {
    for (long i = 0; i < n; i++) c[i] = fmaf(beta, c[i], t[i]);
}

const ck_ops ck_ops_baseline = {
    .isa = CK_ISA_BASELINE, .mr = MR, .nr = NR, .kc = 256, .mc = 64, .nc = 512,
    .ukernel = ukernel, .fma_into = fma_into, CK_MATH_OPS,
};
