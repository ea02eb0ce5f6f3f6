// SiteState: what `herald run` knows about the site between events: the
// catalog (posts without their bodies), each post file's stamp and hash, and
// the renderer with its entry cache. It turns "these paths may have changed"
// into the smallest set of feed rewrites: each path is stat'ed, read and
// hashed only when its stamp changed, parsed only when its bytes changed,
// and diffed by post identity; then only the feeds that list the old or new
// version are rendered, and only files whose bytes change are written.
//
// An edit that breaks a post (a YAML typo) keeps its last good version in
// the feeds and reports the error: an editor's slip never unpublishes a post.
// Deleting the file does, with one exception: deletions are held back
// instead (DeletionHold) when the content directory cannot be listed (gone,
// unmounted, unreadable), or when one change, or a start, would remove more
// posts than watch.max_deletions allows. Held posts stay in the catalog and
// the feeds and nothing is announced for them; the hold ends by itself when
// the files come back (unchanged files are not even read again), when what
// is still missing is within the budget, or when confirm_deletions()
// applies them. While a hold lasts, every batch looks at the held paths again.
//
// Every file it reads, lists, writes or removes goes through a SiteFiles
// (site_files.h): the disk, or a test's in-memory site.
#pragma once

#include <cstddef>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/base/held_post.h"
#include "daemon/site/build_manifest.h"
#include "feeds/catalog.h"
#include "feeds/diagnostic.h"
#include "feeds/post.h"
#include "feeds/timestamp.h"

namespace herald {

class CatalogStore;
class SiteFiles;

// A post a change batch touched: its id and how it was before the batch
// (body empty; none: the id was unknown). How it is after: catalog().find(id).
// A rename in one batch (old name gone, new name with the same id) is one
// edit whose before and after differ only in source_path.
struct PostEdit {
  std::string id;
  std::optional<Post> before;
};

struct ChangeReport {
  std::size_t files = 0;          // post files looked at
  std::size_t unchanged = 0;      // stamp or hash unchanged: not parsed
  std::size_t read = 0;           // parsed
  std::size_t posts_changed = 0;  // added, edited, removed or published by the clock
  std::size_t files_written = 0;  // feed files whose bytes changed
  std::size_t files_unchanged = 0;
  std::size_t files_deleted = 0;
  std::vector<std::string> touched_outputs;  // written or deleted, relative to output.dir
  std::vector<Diagnostic> errors;            // bad posts (path relative to the content dir)
  std::vector<std::string> write_errors;     // feed files that could not be written
  // apply/rescan/publish_due: every post id the batch touched, once, sorted.
  // load leaves it empty (everything is new to the caller).
  std::vector<PostEdit> post_edits;
};

// Deletions held back: each post (by path; its id and title as the catalog
// keeps it), and the message for the operator (what herald saw, that the
// feeds keep the posts, how to proceed).
struct DeletionHold {
  std::vector<HeldPost> posts;
  std::string message;
};

struct PostCounts {
  std::size_t published = 0;
  std::size_t scheduled = 0;
  std::size_t drafts = 0;
};

// Everything that changes how a post file is parsed (herald's version, the
// content rules, the site's time zone and URL): a stored catalog made under
// another fingerprint is discarded.
std::string catalog_fingerprint(const Config& config);

class SiteState {
 public:
  // `store` (may be null: no persistence) must outlive the state. The files
  // are the disk's (disk_site_files()).
  SiteState(const Config& config, CatalogStore* store);
  // The same over `files`, which must outlive the state.
  SiteState(const Config& config, CatalogStore* store, SiteFiles& files);
  ~SiteState();
  SiteState(const SiteState&) = delete;
  SiteState& operator=(const SiteState&) = delete;

  // The first build: every post file (reusing the store's unchanged ones),
  // every feed and the stylesheet written. `rendered`, when given, runs as
  // soon as every feed is on disk, before the store records the posts read;
  // not at all when a write failed (the feeds on disk are not current).
  ChangeReport load(const Timestamp& now, const std::function<void()>& rendered = {});
  // `paths` relative to content.dir: created, edited, renamed or deleted.
  ChangeReport apply(const std::vector<std::string>& paths, const Timestamp& now);
  // Everything in the content directory compared with what is known.
  ChangeReport rescan(const Timestamp& now);
  // Posts whose time came since the last call enter their feeds; the news
  // sitemap drops the posts past its two-day window.
  ChangeReport publish_due(const Timestamp& now);
  // Applies the held deletions (the operator confirmed them); files that
  // came back meanwhile are read as usual.
  ChangeReport confirm_deletions(const Timestamp& now);

  // The deletions held now; nullopt when none.
  std::optional<DeletionHold> hold() const;
  // Every post file that fails now (parse errors, duplicate ids, budgets),
  // by path, until it is fixed or removed: the same texts the reports gave.
  std::vector<Diagnostic> broken() const;

  // When publish_due next has work: the earliest date of a non-draft post
  // the clock has not published yet, or the news sitemap's next expiry
  // (feeds/sitemap_renderer.h), whichever comes first; in the future, or
  // already due when publish_due is late.
  std::optional<Timestamp> next_scheduled(const Timestamp& now) const;
  PostCounts counts(const Timestamp& now) const;
  // The posts as they are now (bodies empty).
  const Catalog& catalog() const;

  // What a clean stop leaves for the next start (build_manifest.h,
  // kRunManifestFile): every feed file with the stamp it had when this
  // state last wrote it or found it unchanged, the post files the catalog
  // was made from (their stamps and hashes as last read), the static images
  // measured and when time alone changes the feeds; `key` is build_key()
  // of the configuration this state was made with. A start that finds all
  // of it unchanged may serve the feeds before it loads. Fails, saying why,
  // when the feeds may not be what a load of the same files would write:
  // deletions held, a post whose broken file keeps its last good version,
  // an id given to another file than path order would, a failed write or
  // catalog store, or a feed file that changed since this state saw it.
  Result<BuildManifest> vouch(std::string key, const Timestamp& now);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace herald
