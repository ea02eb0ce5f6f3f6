// herald: the command-line entry point. Subcommands are added as they land.
#include <cstdio>

int main() {
  std::puts("herald " HERALD_VERSION);
  return 0;
}
