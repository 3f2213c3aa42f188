// The public elementwise functions and sums: each calls the path in use.
#include "ck_internal.h"

void ck_exp(const float *x, float *y, long n) { ck_active()->exp(x, y, n); }
void ck_log(const float *x, float *y, long n) { ck_active()->log(x, y, n); }
void ck_tanh(const float *x, float *y, long n) { ck_active()->tanh(x, y, n); }
void ck_erf(const float *x, float *y, long n) { ck_active()->erf(x, y, n); }
void ck_sigmoid(const float *x, float *y, long n) { ck_active()->sigmoid(x, y, n); }

float ck_expf(float x) { float y; ck_active()->exp(&x, &y, 1); return y; }
float ck_logf(float x) { float y; ck_active()->log(&x, &y, 1); return y; }
float ck_tanhf(float x) { float y; ck_active()->tanh(&x, &y, 1); return y; }
float ck_erff(float x) { float y; ck_active()->erf(&x, &y, 1); return y; }
float ck_sigmoidf(float x) { float y; ck_active()->sigmoid(&x, &y, 1); return y; }

float ck_sum(const float *x, long n) { return ck_active()->sum(x, n); }
float ck_sum_squares(const float *x, long n) { return ck_active()->sum_squares(x, n); }
float ck_sum_squares_from(const float *x, long n, float c) { return ck_active()->sum_squares_from(x, n, c); }
float ck_dot(const float *x, const float *y, long n) { return ck_active()->dot(x, y, n); }
float ck_max(const float *x, long n) { return ck_active()->max(x, n); }
float ck_exp_sum(const float *x, float *y, long n, float c) { return ck_active()->exp_sum(x, y, n, c); }
