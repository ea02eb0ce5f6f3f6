#include "daemon/site/catalog_store.h"

#include "daemon/site/post_record.h"

namespace herald {

Status CatalogStore::load(std::vector<StoredEntry>* entries) {
  entries->clear();
  return load([entries](StoredEntry e) { entries->push_back(std::move(e)); });
}

Status CatalogStore::put(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns,
                         const std::string& hash, const Post& post) {
  return put_entry(StoredEntry{path, stamp, stamped_ns, hash, encode_post_record(post), std::nullopt});
}

Status CatalogStore::put_error(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns,
                               const std::string& hash, const Diagnostic& error) {
  return put_entry(StoredEntry{path, stamp, stamped_ns, hash, "", error});
}

}  // namespace herald
