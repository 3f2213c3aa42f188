// Internal to CKernels: one table of function pointers per instruction-set path.
#ifndef CK_INTERNAL_H
#define CK_INTERNAL_H

#include "include/ckernels.h"

// Never contract a*b+c into an fma (or split an fma) behind the code's back: the order of operations
// written here is the contract.
#pragma clang fp contract(off)

/// The first `rows` (1...MR) rows and `cols` columns of the c tile (MR,NR) at `c` with row stride ldc
/// (cols < NR only on paths with `masked` set; others always get NR).
/// a_ip = a[i*ars + p*acs]: a packed panel (ars 1, acs MR), rows of a in place (ars lda, acs 1) or aᵀ in
/// place (ars 1, acs lda); the kernels handle ars == 1 or acs == 1. b_pj = b[p*bs + j]: a packed panel
/// (bs NR) or b in place (bs ldb).
/// s = load ? c : 0; for p in 0..<kc: s = fma(a_ip, b_pj, s);
/// then !apply: c = s (a partial sum); apply && beta == 0: c = alpha*s; apply: c = fma(beta, c, alpha*s).
typedef void (*ck_ukernel_fn)(int rows, int cols, long kc, const float *a, long ars, long acs, const float *b, long bs, float *c, long ldc,
                              int load, int apply, float alpha, float beta);
/// c[i] = fma(beta, c[i], t[i]) for i in 0..<n.
typedef void (*ck_fma_into_fn)(float *c, const float *t, long n, float beta);

typedef struct {
    int isa;
    int mr, nr;        // register tile
    int kc, mc, nc;    // cache blocks: kc deep, mc rows of a, nc columns of b
    int masked;        // the kernel takes tiles narrower than NR (and reads b's short panel in place)
    ck_ukernel_fn ukernel;
    ck_fma_into_fn fma_into;
    // y = f(x) for n values (math_impl.h)
    void (*exp)(const float *x, float *y, long n);
    void (*log)(const float *x, float *y, long n);
    void (*tanh)(const float *x, float *y, long n);
    void (*erf)(const float *x, float *y, long n);
    void (*sigmoid)(const float *x, float *y, long n);
    // sums in 32 fixed lanes (math_impl.h)
    float (*sum)(const float *x, long n);
    float (*sum_squares)(const float *x, long n);
    float (*sum_squares_from)(const float *x, long n, float c);
    float (*dot)(const float *x, const float *y, long n);
    float (*max)(const float *x, long n);
    float (*exp_sum)(const float *x, float *y, long n, float c);
} ck_ops;

extern const ck_ops ck_ops_baseline;
#if defined(__x86_64__)
extern const ck_ops ck_ops_avx2;
extern const ck_ops ck_ops_avx512;
#endif
#if defined(__aarch64__)
extern const ck_ops ck_ops_neon;
#endif

/// The table of the path in use.
const ck_ops *ck_active(void);

#endif
