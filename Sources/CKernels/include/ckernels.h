// CKernels: fixed-order kernels for TensorRuntime, with one code path per instruction set chosen at load.
//
// Every path performs the same floating-point operations in the same order, so every result depends only
// on the inputs and this code: never on the CPU's vector width, a BLAS build or the thread count.
// Vectors run across independent outputs (columns of a product, elements of a map, lanes of a sum),
// never along one output's sum; every multiply-add inside a sum is one fused multiply-add (one rounding).
#ifndef CKERNELS_H
#define CKERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction-set paths. CK_ISA_BASELINE is plain C (x86-64's SSE2, or any CPU) calling the C
/// library's fmaf for each fused multiply-add: exact, and slow where the CPU has no FMA instruction.
typedef enum {
    CK_ISA_BASELINE = 0,
    CK_ISA_AVX2 = 1,     // AVX2 + FMA3 (x86-64)
    CK_ISA_AVX512 = 2,   // AVX-512 F, VL, DQ (x86-64)
    CK_ISA_NEON = 3,     // Advanced SIMD (arm64)
    CK_ISA_COUNT = 4
} ck_isa;

/// The path in use. Chosen once at load: GRADBOOK_ISA (avx512, avx2, neon, baseline) when the CPU has
/// it, else the best the CPU has.
int ck_isa_current(void);
/// The best path this CPU supports.
int ck_isa_best(void);
/// 1 when the CPU (and the build) supports `isa`.
int ck_isa_available(int isa);
/// Switches every kernel to `isa` from the next call on; 0 on success, -1 when the CPU lacks it
/// (nothing changes). Not for use while kernels run on other threads.
int ck_isa_set(int isa);
/// "baseline", "avx2", "avx512", "neon" (or "unknown").
const char *ck_isa_name(int isa);
/// The paths' names, parsed (case-insensitive); -1 for anything else.
int ck_isa_parse(const char *name);
/// What happened to GRADBOOK_ISA at load (a refused or unknown value and the path used instead), or NULL.
const char *ck_isa_note(void);

// MARK: Matrix products

/// c (M,N) = alpha * op(a) (M,K) · op(b) (K,N) + beta * c, row-major; `a` is stored (M,K) or, with
/// trans_a, (K,M); `b` (K,N) or, with trans_b, (N,K). Runs on the calling thread.
///
/// Each element: s = 0; for p = 0..<K in order: s = fma(op(a)[i,p], op(b)[p,j], s); then
/// c = alpha*s when beta == 0 (c is not read), else c = fma(beta, c, alpha*s). Packing and cache
/// blocking never change that sequence (a partial sum is stored as the float it is and resumed).
void ck_sgemm(int trans_a, int trans_b, long m, long n, long k, float alpha,
              const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc);

/// The same definition as three plain loops (for tests); always the baseline arithmetic.
void ck_sgemm_reference(int trans_a, int trans_b, long m, long n, long k, float alpha,
                        const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc);

// MARK: Elementwise functions (y may equal x)

/// y = e^x, within 1.02 ulp of the exact value (overflow to +inf past 88.72, subnormals rounded once).
void ck_exp(const float *x, float *y, long n);
/// y = ln x, within 0.85 ulp; x < 0 and NaN give NaN, 0 gives -inf.
void ck_log(const float *x, float *y, long n);
/// y = tanh x, within 1.34 ulp.
void ck_tanh(const float *x, float *y, long n);
/// y = erf x, within 1.11 ulp.
void ck_erf(const float *x, float *y, long n);
/// y = 1/(1 + e^-x) within 2.41 ulp, computed as num/(1 + e^-|x|) (num = 1 for x >= 0, e^-|x| otherwise).
void ck_sigmoid(const float *x, float *y, long n);
/// One value of each (the same bits as the array forms).
float ck_expf(float x);
float ck_logf(float x);
float ck_tanhf(float x);
float ck_erff(float x);
float ck_sigmoidf(float x);

// MARK: Sums in 32 fixed lanes
// Term i goes to lane i % 32; the lanes are combined pairwise (lane i += lane i+16, then +8, +4, +2, +1).

/// Σ x.
float ck_sum(const float *x, long n);
/// Σ x², one fma per term.
float ck_sum_squares(const float *x, long n);
/// Σ (x - c)², the difference rounded, then one fma per term.
float ck_sum_squares_from(const float *x, long n, float c);
/// Σ x·y, one fma per term.
float ck_dot(const float *x, const float *y, long n);
/// The largest x; NaN when any x is NaN; -inf when n is 0.
float ck_max(const float *x, long n);
/// y = e^(x - c) (as ck_exp) and returns Σ y (the lanes as ck_sum).
float ck_exp_sum(const float *x, float *y, long n, float c);

#ifdef __cplusplus
}
#endif
#endif
