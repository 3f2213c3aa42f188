// libjpeg-turbo's TurboJPEG API (Debian: libturbojpeg0-dev).
#include <stddef.h>
#include <turbojpeg.h>

static const int CTJ_FLAG_ACCURATEDCT = TJFLAG_ACCURATEDCT;
static const int CTJ_FLAG_PROGRESSIVE = TJFLAG_PROGRESSIVE;
