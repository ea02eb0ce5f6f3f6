/* fault_shim: an LD_PRELOAD library that makes the file I/O of a real
 * `herald run` fail the way a failing disk does, for the faults a test
 * cannot make for real (EIO, fsync failures), after SQLite's own I/O-error
 * tests. Environment:
 *   HERALD_FAULT_PATH    the faults hit files whose path contains this text
 *                        (required; unset: the shim does nothing)
 *   HERALD_FAULT_ERRNO   EIO (default), ENOSPC, EROFS or EACCES
 *   HERALD_FAULT_AFTER   matching calls let through first (default 0)
 *   HERALD_FAULT_SWITCH  a file: faults only while it exists, so a test
 *                        turns them on and off under a running daemon
 * Hit: write, pwrite, pwrite64, fsync, fdatasync on a matching descriptor,
 * and open/openat of a matching path for writing.
 *
 * It also steps the wall clock the way NTP does, for the clock faults:
 *   HERALD_CLOCK_OFFSET_FILE  a file holding whole seconds (e.g. "-3600"):
 *                        CLOCK_REALTIME (clock_gettime, gettimeofday, time)
 *                        reads that much later; read at every call, so a
 *                        test steps the clock of a running daemon by
 *                        rewriting it. The monotonic clocks are untouched,
 *                        as on a real machine. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static atomic_long matching_calls;

static int fault_errno(void) {
  const char* name = getenv("HERALD_FAULT_ERRNO");
  if (name && strcmp(name, "ENOSPC") == 0) return ENOSPC;
  if (name && strcmp(name, "EROFS") == 0) return EROFS;
  if (name && strcmp(name, "EACCES") == 0) return EACCES;
  return EIO;
}

/* Whether a call on `path` fails now (and counts it). */
static int should_fail(const char* path) {
  const char* pattern = getenv("HERALD_FAULT_PATH");
  if (!pattern || !*pattern || !path || !strstr(path, pattern)) return 0;
  const char* on = getenv("HERALD_FAULT_SWITCH");
  if (on && *on && access(on, F_OK) != 0) return 0;
  const char* after = getenv("HERALD_FAULT_AFTER");
  long skip = after ? atol(after) : 0;
  if (atomic_fetch_add(&matching_calls, 1) < skip) return 0;
  errno = fault_errno();
  return 1;
}

static int fd_fails(int fd) {
  if (!getenv("HERALD_FAULT_PATH")) return 0;
  char link[64];
  char path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return 0;
  path[n] = '\0';
  return should_fail(path);
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void* buf, size_t count) {
  if (fd > 2 && fd_fails(fd)) return -1;
  return NEXT(write)(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  if (fd_fails(fd)) return -1;
  return NEXT(pwrite)(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  if (fd_fails(fd)) return -1;
  return NEXT(pwrite64)(fd, buf, count, offset);
}

int fsync(int fd) {
  if (fd_fails(fd)) return -1;
  return NEXT(fsync)(fd);
}

int fdatasync(int fd) {
  if (fd_fails(fd)) return -1;
  return NEXT(fdatasync)(fd);
}

static int writes(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

int open(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  mode_t mode = (mode_t)va_arg(args, int);
  va_end(args);
  if (writes(flags) && should_fail(path)) return -1;
  return NEXT(open)(path, flags, mode);
}

int open64(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  mode_t mode = (mode_t)va_arg(args, int);
  va_end(args);
  if (writes(flags) && should_fail(path)) return -1;
  return NEXT(open64)(path, flags, mode);
}

int openat(int dir, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  mode_t mode = (mode_t)va_arg(args, int);
  va_end(args);
  if (writes(flags) && should_fail(path)) return -1;
  return NEXT(openat)(dir, path, flags, mode);
}

/* The offset in the file HERALD_CLOCK_OFFSET_FILE names, in seconds (0 when
 * unset or unreadable). Raw system calls: no interposed function runs. */
static long long clock_offset(void) {
  const char* file = getenv("HERALD_CLOCK_OFFSET_FILE");
  if (!file || !*file) return 0;
  int fd = (int)syscall(SYS_openat, AT_FDCWD, file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char text[32];
  long n = syscall(SYS_read, fd, text, sizeof text - 1);
  syscall(SYS_close, fd);
  if (n <= 0) return 0;
  text[n] = '\0';
  return strtoll(text, NULL, 10);
}

static int realtime(clockid_t id) {
  return id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE || id == CLOCK_TAI;
}

int clock_gettime(clockid_t id, struct timespec* now) {
  int result = NEXT(clock_gettime)(id, now);
  if (result == 0 && realtime(id)) now->tv_sec += (time_t)clock_offset();
  return result;
}

int gettimeofday(struct timeval* restrict now, void* restrict zone) {
  int result = NEXT(gettimeofday)(now, zone);
  if (result == 0) now->tv_sec += (time_t)clock_offset();
  return result;
}

time_t time(time_t* out) {
  time_t now = NEXT(time)(NULL) + (time_t)clock_offset();
  if (out) *out = now;
  return now;
}
