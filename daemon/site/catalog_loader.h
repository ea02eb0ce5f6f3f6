// Incremental catalog load for `herald run`: the same catalog load_catalog()
// builds (site_build.h), but a post file whose stamp (or, failing that, whose
// content hash) matches its row in the CatalogStore is not parsed again.
//
// Steps: scan content.dir; read the stored rows a chunk at a time (both in
// path order, so the whole store is never in memory); per file (on
// `threads` workers) stat it, reuse
// the stored post when judge_stamp() says reuse, else read and hash it and
// reuse the stored post when the hash is equal, else parse it; add the posts
// to `catalog` in path order (duplicate ids resolve as in load_catalog), and
// each file's stamp and hash to `known` as it is judged, so that judging
// later changes needs neither the store nor a second list of the files.
// What to save is left in the report: save_loaded_catalog() then writes, in
// one transaction, the rows of new and changed files (parse errors
// included), the fresh stamps of files whose hash matched, and drops the
// rows of files that vanished or could not be read. The caller may render
// from the catalog between the two (`herald run` is ready sooner).
//
// Posts in `catalog` have an empty body: the daemon reads the file again when
// a feed needs it. Diagnostics name files under content.dir, as load_catalog's.
// A store that fails to save leaves the catalog complete; the next load then
// parses those files again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/base/file_stamp.h"
#include "daemon/site/catalog_store.h"
#include "daemon/site/known_files.h"
#include "daemon/site/site_files.h"
#include "feeds/catalog.h"
#include "feeds/diagnostic.h"

namespace herald {

struct IncrementalLoadOptions {
  unsigned threads = kFileWorkers;
  std::int64_t racy_window_ns = kDefaultRacyWindowNs;  // see file_stamp.h
  SiteFiles* files = &disk_site_files();               // every scan, stat and read
  // Asked, when stored posts are missing from the content directory, with
  // how many are missing and how many were stored: true holds them (they
  // stay stored and go into the catalog as stored; IncrementalLoadReport::held).
  std::function<bool(std::size_t missing, std::size_t stored)> hold_missing;
};

// A post file that gave a post the catalog refused (another file holds its
// id, or it would make too many feeds): the stamp and hash it was judged by.
struct RefusedFile {
  std::string path;  // relative to content.dir
  KnownFile file;
};

// What a load leaves to save: a few bytes a file read (none for a file
// whose stamp held), so that holding it through a first render costs little.
struct CatalogSave {
  struct Row {
    std::uint32_t known = 0;            // the file's entry in the load's KnownFiles
    std::unique_ptr<Diagnostic> error;  // not a post: why; else the catalog's post is saved
  };
  std::vector<Row> rows;
  std::vector<std::string> removed;  // rows to drop: files gone or unreadable
};

struct IncrementalLoadReport {
  std::size_t files = 0;        // post files found
  std::size_t reused = 0;       // stamp unchanged: not read
  std::size_t hashed_same = 0;  // read, same bytes as stored: not parsed
  std::size_t parsed = 0;       // new, changed or unreadable files
  std::size_t removed = 0;      // rows of vanished or unreadable files dropped
  std::vector<Diagnostic> errors;  // bad posts (stored ones too), duplicate ids, unreadable dirs
  std::string store_error;      // the store could not be read (empty when fine)
  std::vector<std::string> held;  // stored posts missing from the directory, kept (hold_missing)
  // Files read or reused whose post the catalog refused, in path order (held
  // ones last). Every other file read or reused (unreadable ones excepted)
  // and every held one is in the load's KnownFiles.
  std::vector<RefusedFile> refused;
  CatalogSave save;  // for save_loaded_catalog()
};

IncrementalLoadReport load_catalog_incremental(const Config& config, CatalogStore& store,
                                               Catalog& catalog, KnownFiles& known,
                                               const IncrementalLoadOptions& options = {});

// Writes report.save (and releases it), with the paths, stamps and hashes
// the load put in `known`: call it before anything is erased from `known`.
// A parsed post is saved as `catalog` holds it; a refused one is not, and is
// parsed again next time. On a failure nothing is written, the status says
// why, and the next load parses the files again.
Status save_loaded_catalog(CatalogStore& store, const Catalog& catalog, const KnownFiles& known,
                           IncrementalLoadReport& report);

}  // namespace herald
