// The arm64 path: 4 lanes; GEMM's 8x8 register tile (16 q-register sums) runs vectors across the tile's
// 8 columns.
#if defined(__aarch64__)
#include <arm_neon.h>
#include <math.h>
#include "ck_internal.h"

#define W 4
typedef float32x4_t V;
typedef int32x4_t VI;
typedef uint32x4_t M;
#define SET(c) vdupq_n_f32(c)
#define LOAD(p) vld1q_f32(p)
#define STORE(p, v) vst1q_f32(p, v)
#define ADD vaddq_f32
#define SUB vsubq_f32
#define MUL vmulq_f32
#define DIV vdivq_f32
#define FMA(a, b, c) vfmaq_f32(c, a, b)
#define LT vcltq_f32
#define GT vcgtq_f32
#define GE vcgeq_f32
#define EQ vceqq_f32
#define NE(a, b) vmvnq_u32(vceqq_f32(a, b))
#define SELECT vbslq_f32
#define SELECT_I vbslq_s32
#define OR_M vorrq_u32
#define CONVERT vcvtq_f32_s32
#define ABS vabsq_f32
#define SIGN(v) vreinterpretq_f32_u32(vandq_u32(vreinterpretq_u32_f32(v), vdupq_n_u32(0x80000000u)))
#define OR_BITS(a, b) vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(b)))
#define BITS vreinterpretq_s32_f32
#define FLOAT vreinterpretq_f32_s32
#define ISET vdupq_n_s32
#define IADD vaddq_s32
#define ISUB vsubq_s32
#define IAND vandq_s32
#define ISRA vshrq_n_s32
#define ISLL vshlq_n_s32
#include "math_impl.h"

enum { MR = 8, NR = 8 };

/// The first R rows of the tile (R is a constant in each instantiation below, so the sums stay in registers).
static inline __attribute__((always_inline))
void tile_rows(const int R, long kc, const float *a, long ars, long acs, const float *b, long bs, float *c, long ldc,
               int load, int apply, float alpha, float beta) {
    float32x4_t s[MR][2];
    for (int i = 0; i < R; i++) {
        s[i][0] = load ? vld1q_f32(c + i * ldc) : vdupq_n_f32(0);
        s[i][1] = load ? vld1q_f32(c + i * ldc + 4) : vdupq_n_f32(0);
    }
    if (ars == 1) {          // a packed panel (acs = MR) or aᵀ in place (acs = its row length)
        for (long p = 0; p < kc; p++, a += acs, b += bs) {
            float32x4_t b0 = vld1q_f32(b), b1 = vld1q_f32(b + 4);
            for (int i = 0; i < R; i++) {
                float32x4_t ai = vdupq_n_f32(a[i]);
                s[i][0] = vfmaq_f32(s[i][0], ai, b0);    // s + a*b, one rounding
                s[i][1] = vfmaq_f32(s[i][1], ai, b1);
            }
        }
    } else {                 // rows of a in place: a_ip = a[i*ars + p]
        for (long p = 0; p < kc; p++, b += bs) {
            float32x4_t b0 = vld1q_f32(b), b1 = vld1q_f32(b + 4);
            for (int i = 0; i < R; i++) {
                float32x4_t ai = vdupq_n_f32(a[i * ars + p]);
                s[i][0] = vfmaq_f32(s[i][0], ai, b0);    // s + a*b, one rounding
                s[i][1] = vfmaq_f32(s[i][1], ai, b1);
            }
        }
    }
    float32x4_t va = vdupq_n_f32(alpha), vb = vdupq_n_f32(beta);
    for (int i = 0; i < R; i++)
        for (int h = 0; h < 2; h++) {
            float *out = c + i * ldc + 4 * h;
            float32x4_t v = s[i][h];
            if (apply) v = vmulq_f32(va, v);
            if (apply && beta != 0) v = vfmaq_f32(v, vb, vld1q_f32(out));
            vst1q_f32(out, v);
        }
}

static void ukernel(int rows, int cols, long kc, const float *a, long ars, long acs, const float *b, long bs, float *c, long ldc,
                    int load, int apply, float alpha, float beta) {
    (void)cols;      // always NR: narrower tiles go through the driver's tile buffer
#define ROWS(r) case r: tile_rows(r, kc, a, ars, acs, b, bs, c, ldc, load, apply, alpha, beta); break;
    switch (rows) { ROWS(1) ROWS(2) ROWS(3) ROWS(4) ROWS(5) ROWS(6) ROWS(7) ROWS(8) }
#undef ROWS
}

static void fma_into(float *c, const float *t, long n, float beta) {
    float32x4_t vb = vdupq_n_f32(beta);
    long i = 0;
    for (; i + 4 <= n; i += 4) vst1q_f32(c + i, vfmaq_f32(vld1q_f32(t + i), vb, vld1q_f32(c + i)));
    for (; i < n; i++) c[i] = fmaf(beta, c[i], t[i]);
}

const ck_ops ck_ops_neon = {
    .isa = CK_ISA_NEON, .mr = MR, .nr = NR, .kc = 256, .mc = 96, .nc = 1024,
    .ukernel = ukernel, .fma_into = fma_into, CK_MATH_OPS,
};
#endif
