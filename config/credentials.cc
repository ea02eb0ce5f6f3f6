#include "config/credentials.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace herald {
namespace {

std::string load_credential_hint(std::string_view name) {
  return "add LoadCredential=" + std::string(name) +
         ":/path/to/the/secret to the [Service] section of the unit";
}

// The file's bytes, or the error (phrased after "which ...").
Credential read_file(const std::string& path) {
  Credential result;
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    result.error = "is a directory";
    return result;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = std::string("cannot be read (") +
                   (errno != 0 ? std::strerror(errno) : "cannot be opened") + ")";
    return result;
  }
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    result.value.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (result.value.size() > kMaxCredentialBytes) {
      result.value.clear();
      result.error = "is larger than " + std::to_string(kMaxCredentialBytes) +
                     " bytes, too large for a secret";
      return result;
    }
  }
  if (in.bad()) {
    result.value.clear();
    result.error = "cannot be read (read error)";
  }
  return result;
}

}  // namespace

Credential read_credential(std::string_view name, const EnvLookup& env) {
  Credential result;
  std::string path;
  if (name.starts_with('/')) {
    path = std::string(name);
  } else if (name.empty() || name == "." || name == ".." ||
             name.find('/') != std::string_view::npos) {
    result.error = "must be a credential name (a plain file name, as in LoadCredential=NAME:...) "
                   "or an absolute path";
    return result;
  } else {
    std::optional<std::string> directory = env("CREDENTIALS_DIRECTORY");
    if (!directory || directory->empty()) {
      result.error = "names the credential '" + std::string(name) +
                     "', but $CREDENTIALS_DIRECTORY is not set (herald is not running under "
                     "systemd with credentials); " +
                     load_credential_hint(name) + ", or give an absolute path";
      return result;
    }
    path = *directory + "/" + std::string(name);
  }
  Credential file = read_file(path);
  if (file.error.empty() && file.value.find_last_not_of("\r\n") == std::string::npos) {
    file.error = "is empty";
  }
  if (!file.error.empty()) {
    result.error = "names " + path + ", which " + file.error + "; ";
    result.error += name.starts_with('/') ? std::string("put the secret in that file")
                                          : load_credential_hint(name) +
                                                " (the file holding the secret)";
    return result;
  }
  file.value.erase(file.value.find_last_not_of("\r\n") + 1);
  result.value = std::move(file.value);
  return result;
}

}  // namespace herald
