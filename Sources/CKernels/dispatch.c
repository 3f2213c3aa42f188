// Choosing the instruction-set path: once at load (GRADBOOK_ISA or the best the CPU has), or by
// ck_isa_set (tests, `gradbook bench`).
#include "ck_internal.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <pthread.h>

static const char *const names[CK_ISA_COUNT] = {"baseline", "avx2", "avx512", "neon"};
static _Atomic(const ck_ops *) active_ops = NULL;
static char note[256];
static int has_note = 0;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const ck_ops *table(int isa) {
    switch (isa) {
    case CK_ISA_BASELINE: return &ck_ops_baseline;
#if defined(__x86_64__)
    case CK_ISA_AVX2: return &ck_ops_avx2;
    case CK_ISA_AVX512: return &ck_ops_avx512;
#endif
#if defined(__aarch64__)
    case CK_ISA_NEON: return &ck_ops_neon;
#endif
    default: return NULL;
    }
}

int ck_isa_available(int isa) {
    switch (isa) {
    case CK_ISA_BASELINE: return 1;
#if defined(__x86_64__)
    case CK_ISA_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case CK_ISA_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
#if defined(__aarch64__)
    case CK_ISA_NEON: return 1;
#endif
    default: return 0;
    }
}

int ck_isa_best(void) {
    static const int order[] = {CK_ISA_AVX512, CK_ISA_AVX2, CK_ISA_NEON, CK_ISA_BASELINE};
    for (int i = 0; i < 4; i++) if (ck_isa_available(order[i])) return order[i];
    return CK_ISA_BASELINE;
}

const char *ck_isa_name(int isa) { return isa >= 0 && isa < CK_ISA_COUNT ? names[isa] : "unknown"; }

int ck_isa_parse(const char *name) {
    if (!name) return -1;
    for (int i = 0; i < CK_ISA_COUNT; i++) if (strcasecmp(name, names[i]) == 0) return i;
    return -1;
}

const char *ck_isa_note(void) { ck_active(); return has_note ? note : NULL; }

/// GRADBOOK_ISA names a path; one this CPU lacks, or an unknown name, is refused with a line on stderr
/// and the best path is used instead (every path gives the same bits, so only the speed differs).
static void choose(void) {
    int best = ck_isa_best(), isa = best;
    const char *env = getenv("GRADBOOK_ISA");
    if (env && *env) {
        int asked = ck_isa_parse(env);
        if (asked < 0) {
            snprintf(note, sizeof note, "GRADBOOK_ISA=%s is not a path (avx512, avx2, neon, baseline); using %s",
                     env, names[best]);
            has_note = 1;
        } else if (!ck_isa_available(asked)) {
            snprintf(note, sizeof note, "GRADBOOK_ISA=%s: this CPU (or build) has no %s; using %s",
                     env, names[asked], names[best]);
            has_note = 1;
        } else {
            isa = asked;
        }
        if (has_note) fprintf(stderr, "gradbook: %s\n", note);
    }
    atomic_store_explicit(&active_ops, table(isa), memory_order_release);
}

const ck_ops *ck_active(void) {
    const ck_ops *ops = atomic_load_explicit(&active_ops, memory_order_acquire);
    if (ops) return ops;
    pthread_once(&once, choose);
    return atomic_load_explicit(&active_ops, memory_order_acquire);
}

int ck_isa_current(void) { return ck_active()->isa; }

int ck_isa_set(int isa) {
    ck_active();
    if (!ck_isa_available(isa) || !table(isa)) return -1;
    atomic_store_explicit(&active_ops, table(isa), memory_order_release);
    return 0;
}
