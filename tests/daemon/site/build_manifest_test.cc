// The manifest that lets `herald build` skip a build in which nothing
// changed: every part of it that can change must make the build run.
#include "daemon/site/build_manifest.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "daemon/site/image_sizes.h"
#include "daemon/site/site_build.h"
#include "tests/daemon/site/fake_site_files.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::FakeSiteFiles;

constexpr const char* kContent = "/site/content";
const std::vector<std::string> kPosts{"a.md", "b.md"};

struct Rig {
  FakeSiteFiles disk;
  BuildManifest manifest;
  Rig() {
    disk.put("/site/content/a.md", "post a");
    disk.put("/site/content/b.md", "post b");
    disk.put("/site/public/rss.xml", "<rss/>");
    disk.put("/site/www/a.png", std::string(100, 'x'));
    disk.advance(10 * FakeSiteFiles::kSecond);  // the posts' stamps are not racy
    manifest.key = "key";
    manifest.posts = stamp_posts(kContent, kPosts, disk, thread_runner(2));
    manifest.outputs.push_back({"/site/public/rss.xml", *disk.stamp("/site/public/rss.xml")});
    manifest.images["/site/www/a.png"] = 100;
  }
  bool unchanged(const Timestamp& now = Timestamp{1'000, 0}) {
    return build_unchanged(manifest, "key", kContent, stamp_posts(kContent, files(), disk, thread_runner(2)), now, disk);
  }
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const char* f : {"a.md", "b.md", "c.md"}) {
      if (disk.exists(std::string(kContent) + "/" + f)) out.push_back(f);
    }
    return out;
  }
};

BOOST_AUTO_TEST_SUITE(build_manifest)

BOOST_AUTO_TEST_CASE(nothing_changed_holds) {
  Rig rig;
  BOOST_TEST(rig.manifest.posts.complete);
  BOOST_TEST(rig.manifest.posts.racy.empty());
  BOOST_TEST(rig.unchanged());
}

BOOST_AUTO_TEST_CASE(a_post_edited_added_or_removed_does_not) {
  {
    Rig rig;
    rig.disk.put("/site/content/a.md", "post A");  // same size, new stamp
    BOOST_TEST(!rig.unchanged());
  }
  {
    Rig rig;
    rig.disk.put("/site/content/c.md", "post c");
    BOOST_TEST(!rig.unchanged());
  }
  {
    Rig rig;
    rig.disk.erase("/site/content/b.md");
    BOOST_TEST(!rig.unchanged());
  }
}

// A stamp taken within the racy window of the file's last change cannot
// tell a write in the same clock tick apart: the bytes are compared.
BOOST_AUTO_TEST_CASE(a_racy_post_is_judged_by_its_bytes) {
  FakeSiteFiles disk;
  disk.put("/site/content/a.md", "post a");
  disk.put("/site/content/b.md", "post b");
  BuildManifest manifest;
  manifest.key = "key";
  manifest.posts = stamp_posts(kContent, kPosts, disk, run_serially);
  BOOST_TEST(manifest.posts.racy.size() == 2u);
  disk.advance(10 * FakeSiteFiles::kSecond);  // no longer racy when judged
  auto unchanged = [&] {
    return build_unchanged(manifest, "key", kContent, stamp_posts(kContent, kPosts, disk, run_serially), Timestamp{}, disk);
  };
  BOOST_TEST(unchanged());
  // Same stamp, other bytes (written again within the tick).
  disk.on_next_read("/site/content/b.md", [](ReadResult& read) { read.bytes = "post B"; });
  BOOST_TEST(!unchanged());
}

// What `herald run` knew of its post files (stamps and hashes taken as it
// read them) gives the record a start's stamping gives, racy files and all.
BOOST_AUTO_TEST_CASE(known_stamps_give_the_record_stamping_gives) {
  FakeSiteFiles disk;
  disk.put("/site/content/b.md", "post b");
  disk.advance(10 * FakeSiteFiles::kSecond);
  disk.put("/site/content/a.md", "post a");  // racy when stamped
  const std::int64_t stamped_ns = disk.stamp_clock_ns();
  PostStamps stamped = stamp_posts(kContent, kPosts, disk, run_serially);
  std::vector<KnownPostFile> known;
  for (const char* name : {"b.md", "a.md"}) {  // any order
    const std::string path = std::string(kContent) + "/" + name;
    known.push_back({name, *disk.stamp(path), stamped_ns, content_hash(disk.bytes(path))});
  }
  PostStamps from_known = known_post_stamps(known);
  BOOST_TEST(from_known.digest == stamped.digest);
  BOOST_TEST(from_known.racy == stamped.racy);
  BOOST_TEST(from_known.racy.size() == 1u);
  BOOST_TEST(from_known.complete);
}

BOOST_AUTO_TEST_CASE(the_digest_is_the_hash_of_every_files_line) {
  // Past the digest's 1 MiB batches: the lines are hashed in pieces, and
  // give the hash of the whole text (which earlier stops' manifests hold).
  std::vector<KnownPostFile> known;
  std::string lines;
  for (int i = 0; i < 20000; ++i) {
    std::string path = "_posts/2021/2021-08-10-capacita-imm-a-su-personal-" + std::to_string(100000 + i) + ".md";
    FileStamp stamp{1, static_cast<std::uint64_t>(i), 2000 + i, 1'600'000'000'000'000'000, 1'600'000'000'000'000'001};
    lines += path + " 1 " + std::to_string(i) + " " + std::to_string(2000 + i) +
             " 1600000000000000000 1600000000000000001\n";
    known.push_back({std::move(path), stamp, 1'700'000'000'000'000'000, "hash"});
  }
  BOOST_REQUIRE(lines.size() > (std::size_t{1} << 20));
  PostStamps stamps = known_post_stamps(known);
  BOOST_TEST(stamps.digest == content_hash(lines));
  BOOST_TEST(stamps.racy.empty());
}

BOOST_AUTO_TEST_CASE(an_output_rewritten_or_removed_does_not) {
  Rig rig;
  rig.disk.put("/site/public/rss.xml", "<rss/>");
  BOOST_TEST(!rig.unchanged());
  Rig gone;
  gone.disk.erase("/site/public/rss.xml");
  BOOST_TEST(!gone.unchanged());
}

BOOST_AUTO_TEST_CASE(a_static_image_of_another_size_does_not) {
  Rig rig;
  rig.disk.put("/site/www/a.png", std::string(100, 'y'));  // same size: the length holds
  BOOST_TEST(rig.unchanged());
  rig.disk.put("/site/www/a.png", std::string(101, 'x'));
  BOOST_TEST(!rig.unchanged());
  rig.disk.erase("/site/www/a.png");
  BOOST_TEST(!rig.unchanged());
}

BOOST_AUTO_TEST_CASE(another_key_or_the_time_of_a_scheduled_change_does_not) {
  Rig rig;
  BOOST_TEST(!build_unchanged(rig.manifest, "other", kContent, rig.manifest.posts, Timestamp{}, rig.disk));
  rig.manifest.valid_until = 2'000;
  BOOST_TEST(rig.unchanged(Timestamp{1'999, 0}));
  BOOST_TEST(!rig.unchanged(Timestamp{2'000, 0}));
}

// At a start, the record of the last clean stop made by another binary or
// configuration, or past its time, is turned down before a single post file
// is stamped (a million stats at 1,000,000 posts).
BOOST_AUTO_TEST_CASE(a_run_manifest_of_another_key_or_time_is_turned_down_before_the_scan) {
  test::TempDir state;
  Rig rig;
  Config config;
  config.state.dir = state / "state";
  config.content.dir = kContent;
  rig.manifest.valid_until = 2'000;
  auto take = [&](const std::string& key, std::int64_t now) {
    BOOST_REQUIRE(write_build_manifest(config.state.dir, rig.manifest, kRunManifestFile).ok());
    bool held = take_run_manifest(config, key, Timestamp{now, 0}, rig.disk, thread_runner(2));
    BOOST_TEST(!read_build_manifest(config.state.dir, kRunManifestFile).has_value());  // taken either way
    return held;
  };
  BOOST_TEST(!take("other", 1'000));
  BOOST_TEST(!take("key", 2'000));
  BOOST_TEST(rig.disk.scans() == 0u);
  BOOST_TEST(take("key", 1'999));
  BOOST_TEST(rig.disk.scans() == 1u);
  rig.disk.put("/site/content/b.md", "post B");
  BOOST_TEST(!take("key", 1'999));
}

BOOST_AUTO_TEST_CASE(a_post_that_cannot_be_stamped_never_holds) {
  Rig rig;
  PostStamps now = stamp_posts(kContent, {"a.md", "b.md", "missing.md"}, rig.disk, thread_runner(2));
  BOOST_TEST(!now.complete);
  BOOST_TEST(!build_unchanged(rig.manifest, "key", kContent, now, Timestamp{}, rig.disk));
}

BOOST_AUTO_TEST_CASE(written_and_read_back_whole_or_not_at_all) {
  test::TempDir state;
  Rig rig;
  rig.manifest.posts.racy["a.md"] = "hash-a";
  rig.manifest.valid_until = 1'800'000'000;
  rig.manifest.summary = {3, 2, 1, 1, 0, {Diagnostic{"/site/content/c.md", 2, 5, "bad date", false}}};
  BOOST_REQUIRE(write_build_manifest(state / "state", rig.manifest).ok());
  std::optional<BuildManifest> read = read_build_manifest(state / "state");
  BOOST_REQUIRE(read.has_value());
  BOOST_TEST(read->key == "key");
  BOOST_TEST(read->posts.digest == rig.manifest.posts.digest);
  BOOST_TEST(read->posts.racy.at("a.md") == "hash-a");
  BOOST_REQUIRE(read->outputs.size() == 1u);
  BOOST_TEST((read->outputs[0].stamp == rig.manifest.outputs[0].stamp));
  BOOST_TEST(*read->images.at("/site/www/a.png") == 100u);
  BOOST_TEST(*read->valid_until == 1'800'000'000);
  BOOST_TEST(read->summary.files == 3u);
  BOOST_REQUIRE(read->summary.diagnostics.size() == 1u);
  BOOST_TEST(read->summary.diagnostics[0].to_string() == rig.manifest.summary.diagnostics[0].to_string());
  BOOST_TEST(static_cast<unsigned>(std::filesystem::status(state / "state/build-manifest.json").permissions() &
                                   std::filesystem::perms::all) == 0600u);
  // Cut short, or of another shape: not trusted at all.
  std::string text = test::read_file(state / "state/build-manifest.json");
  test::write_file(state / "state/build-manifest.json", text.substr(0, text.size() / 2));
  BOOST_TEST(!read_build_manifest(state / "state").has_value());
  test::write_file(state / "state/build-manifest.json", "{\"version\": 1, \"key\": 3}");
  BOOST_TEST(!read_build_manifest(state / "state").has_value());
  remove_build_manifest(state / "state");
  BOOST_TEST(!std::filesystem::exists(state / "state/build-manifest.json"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
