#include "tests/support/postgres/test_certificates.h"

#include <stdexcept>
#include <vector>

namespace herald::test {
namespace {

void openssl(std::vector<std::string> args) {
  args.insert(args.begin(), "/usr/bin/openssl");
  CommandResult r = run_command(args);
  if (r.exit_code != 0) throw std::runtime_error("openssl " + args.at(1) + " failed:\n" + r.err);
}

// A self-signed authority named `name`: its certificate and key.
void make_ca(const std::string& cert, const std::string& key, const std::string& name) {
  openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
           "-out", cert, "-days", "1", "-subj", "/CN=" + name});
}

}  // namespace

TestCertificates make_test_certificates(const TempDir& dir) {
  TestCertificates made{dir / "ca.crt", dir / "server.crt", dir / "server.key", dir / "other-ca.crt"};
  make_ca(made.ca, dir / "ca.key", "herald test CA");
  make_ca(made.other_ca, dir / "other-ca.key", "herald test CA (wrong)");
  write_file(dir / "server.ext", "subjectAltName = IP:127.0.0.1\n");
  openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", made.server_key,
           "-out", dir / "server.csr", "-subj", "/CN=127.0.0.1"});
  openssl({"x509", "-req", "-in", dir / "server.csr", "-CA", made.ca, "-CAkey", dir / "ca.key", "-CAcreateserial",
           "-out", made.server_cert, "-days", "1", "-extfile", dir / "server.ext"});
  return made;
}

}  // namespace herald::test
