/* collectors.h - the table of collectors (collectors.c). */
#ifndef PW_COLLECTORS_H
#define PW_COLLECTORS_H

#include <stddef.h>
#include "pw.h"

extern const struct pw_collector *const pw_all[];
extern const size_t pw_nall;

#endif
