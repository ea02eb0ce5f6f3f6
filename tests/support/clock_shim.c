/* clock_shim: an LD_PRELOAD library that shifts the wall clock of a real
 * `herald run`, so a test reaches 06:59:55 or 23:59:50 in the site's zone
 * without waiting for it (the pacing tests: quiet hours, days). Environment:
 *   HERALD_CLOCK_OFFSET_FILE  a file holding whole seconds (may be negative)
 *                             added to the wall clock; read again on every
 *                             call, so a test steps the clock of a running
 *                             daemon by rewriting it. Unset, missing or not a
 *                             number: 0.
 * Shifted: clock_gettime(CLOCK_REALTIME, CLOCK_REALTIME_COARSE),
 * gettimeofday, time. The monotonic clocks are not touched. (The same
 * variable as the integrator's fault_shim clock offset: one may replace the
 * other.) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long offset_seconds(void) {
  const char* path = getenv("HERALD_CLOCK_OFFSET_FILE");
  if (!path) return 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char text[32];
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return 0;
  text[n] = '\0';
  return strtol(text, NULL, 10);
}

int clock_gettime(clockid_t clock, struct timespec* now) {
  static int (*real)(clockid_t, struct timespec*);
  if (!real) real = (int (*)(clockid_t, struct timespec*))dlsym(RTLD_NEXT, "clock_gettime");
  int rc = real(clock, now);
  if (rc == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) now->tv_sec += offset_seconds();
  return rc;
}

int gettimeofday(struct timeval* restrict now, void* restrict zone) {
  static int (*real)(struct timeval* restrict, void* restrict);
  if (!real) real = (int (*)(struct timeval* restrict, void* restrict))dlsym(RTLD_NEXT, "gettimeofday");
  int rc = real(now, zone);
  if (rc == 0) now->tv_sec += offset_seconds();
  return rc;
}

time_t time(time_t* out) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  if (out) *out = now.tv_sec;
  return now.tv_sec;
}
