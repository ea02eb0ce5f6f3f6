// Certificates for a TLS test of PostgreSQL, made at test time with the
// `openssl` command (Debian's openssl): a certificate authority, a server
// certificate it signed for 127.0.0.1 (subjectAltName IP, so libpq's
// sslmode=verify-full accepts it for host 127.0.0.1), the server's key,
// and a second authority that signed nothing (the wrong CA). EC P-256
// keys, valid for a day. Throws std::runtime_error with openssl's output
// when a step fails.
#pragma once

#include <string>

#include "tests/support/test_support.h"

namespace herald::test {

struct TestCertificates {
  std::string ca;           // the authority that signed server_cert (PEM file)
  std::string server_cert;  // for 127.0.0.1
  std::string server_key;
  std::string other_ca;     // an authority that signed nothing here
};

// Writes the files into `dir`.
TestCertificates make_test_certificates(const TempDir& dir);

}  // namespace herald::test
