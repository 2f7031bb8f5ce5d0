// pack_build_context on real temporary trees: what the tar holds (read back
// with the tests' tar reader) and the errors a user sees.

#include "engine/build_context.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/unit/engine/tar_reader.h"

namespace berth::engine {
namespace {

namespace fs = std::filesystem;
using testing::read_tar;
using testing::TarArchive;

// A fresh directory under /tmp, removed afterwards.
class TempTree {
 public:
  TempTree() {
    std::string pattern = "/tmp/berth-build-context-XXXXXX";
    m_root = ::mkdtemp(pattern.data());
  }
  ~TempTree() {
    std::error_code error;
    fs::remove_all(m_root, error);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::string& root() const { return m_root; }
  std::string path(const std::string& relative) const { return m_root + "/" + relative; }

  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories(fs::path(path(relative)).parent_path());
    std::ofstream(path(relative), std::ios::binary) << text;
  }
  void mkdir(const std::string& relative) const { fs::create_directories(path(relative)); }
  void symlink(const std::string& target, const std::string& relative) const {
    fs::create_directories(fs::path(path(relative)).parent_path());
    fs::create_symlink(target, path(relative));
  }

 private:
  std::string m_root;
};

TarArchive pack(const std::string& directory, const std::string& dockerfile = "") {
  auto tar = pack_build_context(directory, dockerfile);
  EXPECT_TRUE(tar.ok()) << (tar ? "" : tar.error().message);
  if (!tar) {
    return TarArchive{{}, "pack failed"};
  }
  auto archive = read_tar(tar.value());
  EXPECT_EQ(archive.error, "");
  return archive;
}

std::string pack_error(const std::string& directory, const std::string& dockerfile = "") {
  auto tar = pack_build_context(directory, dockerfile);
  EXPECT_FALSE(tar.ok());
  if (tar) {
    return "";
  }
  EXPECT_EQ(tar.error().code, ErrorCode::bad_request);
  return tar.error().message;
}

using Names = std::vector<std::string>;

TEST(BuildContext, PacksTheTreeInWalkOrder) {
  TempTree tree;
  tree.write("b", "b");
  tree.write("a/x", "x");
  tree.write("a.txt", "a");
  tree.write("Dockerfile", "FROM scratch\n");
  tree.mkdir("empty");
  const auto archive = pack(tree.root());
  // Each directory's names sorted bytewise, a directory before its contents.
  EXPECT_EQ(archive.names(), (Names{"Dockerfile", "a/", "a/x", "a.txt", "b", "empty/"}));
  ASSERT_NE(archive.find("a/x"), nullptr);
  EXPECT_EQ(archive.find("a/x")->contents, "x");
  EXPECT_EQ(archive.find("Dockerfile")->contents, "FROM scratch\n");
  EXPECT_EQ(archive.find("empty/")->type, '5');
}

TEST(BuildContext, AnInlineDockerfileIsAddedLastAndNeedsNoFile) {
  TempTree tree;
  tree.write("a.txt", "a");
  tree.write(".dockerignore", "*\n!a.txt\n");
  auto tar = pack_build_context_inline(tree.root(), "FROM busybox\n");
  ASSERT_TRUE(tar.ok()) << tar.error().message;
  const auto archive = read_tar(tar.value());
  EXPECT_EQ(archive.names(), (Names{".dockerignore", "a.txt", k_inline_dockerfile_name}));
  ASSERT_NE(archive.find(k_inline_dockerfile_name), nullptr);
  EXPECT_EQ(archive.find(k_inline_dockerfile_name)->contents, "FROM busybox\n");
  EXPECT_FALSE(pack_build_context_inline(tree.path("missing"), "FROM x\n").ok());
}

TEST(BuildContext, ModesAndMtimesComeFromTheFiles) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write("run.sh", "#!/bin/sh\n");
  ASSERT_EQ(::chmod(tree.path("run.sh").c_str(), 0750), 0);
  const struct timeval times[2] = {{1600000000, 0}, {1600000000, 500000}};
  ASSERT_EQ(::utimes(tree.path("run.sh").c_str(), times), 0);
  const auto archive = pack(tree.root());
  const auto* entry = archive.find("run.sh");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->mode, 0750u);
  EXPECT_EQ(entry->mtime, 1600000000);  // whole seconds
  EXPECT_EQ(entry->uid, 0u);
  EXPECT_EQ(entry->uname, "");
}

TEST(BuildContext, SameTreeGivesTheSameBytes) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write("z/y/x", "1");
  tree.write("c", "2");
  tree.symlink("c", "link");
  auto first = pack_build_context(tree.root(), "");
  auto second = pack_build_context(tree.root() + "/", "Dockerfile");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first.value(), second.value());
}

TEST(BuildContext, IgnoredFilesAreLeftOut) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write(".dockerignore", "# secrets stay home\nsecret.env\n*.log\nnode_modules\n");
  tree.write("app.py", "print()\n");
  tree.write("secret.env", "TOKEN=hunter2\n");
  tree.write("debug.log", "log\n");
  tree.write("src/debug.log", "kept: *.log is anchored at the top\n");
  tree.write("node_modules/left-pad/index.js", "module.exports = 1\n");
  const auto archive = pack(tree.root());
  EXPECT_EQ(archive.names(),
            (Names{".dockerignore", "Dockerfile", "app.py", "src/", "src/debug.log"}));
}

TEST(BuildContext, ExceptionBringsAFileBack) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write(".dockerignore", "*.md\n!README.md\nvendor\n!vendor/keep/me.txt\n");
  tree.write("README.md", "readme\n");
  tree.write("CHANGES.md", "changes\n");
  tree.write("vendor/keep/me.txt", "kept\n");
  tree.write("vendor/keep/not-me.txt", "dropped\n");
  tree.write("vendor/other.txt", "dropped\n");
  const auto archive = pack(tree.root());
  // The excluded directories are walked for the exception, not stored.
  EXPECT_EQ(archive.names(),
            (Names{".dockerignore", "Dockerfile", "README.md", "vendor/keep/me.txt"}));
  EXPECT_EQ(archive.find("vendor/keep/me.txt")->contents, "kept\n");
}

TEST(BuildContext, SymlinkIsStoredNotFollowed) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.symlink("/etc/passwd", "passwd");
  tree.symlink("/etc", "etc");
  tree.symlink("/nonexistent/target", "dangling");
  tree.symlink("Dockerfile", "inside");
  const auto archive = pack(tree.root());
  EXPECT_EQ(archive.names(), (Names{"Dockerfile", "dangling", "etc", "inside", "passwd"}));
  const auto* passwd = archive.find("passwd");
  ASSERT_NE(passwd, nullptr);
  EXPECT_EQ(passwd->type, '2');
  EXPECT_EQ(passwd->link_target, "/etc/passwd");
  EXPECT_EQ(passwd->contents, "");
  EXPECT_EQ(archive.find("etc")->type, '2');  // not walked: nothing under "etc/"
  EXPECT_EQ(archive.find("dangling")->link_target, "/nonexistent/target");
  EXPECT_EQ(archive.find("inside")->link_target, "Dockerfile");
  for (const auto& entry : archive.entries) {
    EXPECT_EQ(entry.contents.find("root:"), std::string::npos) << entry.name;
  }
}

TEST(BuildContext, IgnoredSymlinkIsLeftOut) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write(".dockerignore", "passwd\n");
  tree.symlink("/etc/passwd", "passwd");
  EXPECT_EQ(pack(tree.root()).names(), (Names{".dockerignore", "Dockerfile"}));
}

TEST(BuildContext, DockerfileAndDockerignoreKeptThoughIgnored) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write(".dockerignore", "*\n");
  tree.write("other", "left out\n");
  EXPECT_EQ(pack(tree.root()).names(), (Names{".dockerignore", "Dockerfile"}));
}

TEST(BuildContext, DockerfileInAnIgnoredDirectoryIsKept) {
  TempTree tree;
  tree.write(".dockerignore", "docker\n.dockerignore\n");
  tree.write("docker/app.Dockerfile", "FROM scratch\n");
  tree.write("docker/secret", "left out\n");
  tree.write("main.c", "int main;\n");
  EXPECT_EQ(pack(tree.root(), "docker/app.Dockerfile").names(),
            (Names{".dockerignore", "docker/app.Dockerfile", "main.c"}));
}

TEST(BuildContext, AbsoluteDockerfileInsideTheContextIsAccepted) {
  TempTree tree;
  tree.write(".dockerignore", "build\n");
  tree.write("build/Dockerfile", "FROM scratch\n");
  EXPECT_EQ(pack(tree.root(), tree.path("build/Dockerfile")).names(),
            (Names{".dockerignore", "build/Dockerfile"}));
}

TEST(BuildContext, SymlinkedDockerfileKeepsItsTarget) {
  TempTree tree;
  tree.write(".dockerignore", "real\nDockerfile\n");
  tree.write("real/Dockerfile", "FROM scratch\n");
  tree.symlink("real/Dockerfile", "Dockerfile");
  EXPECT_EQ(pack(tree.root()).names(), (Names{".dockerignore", "Dockerfile", "real/Dockerfile"}));
}

TEST(BuildContext, DockerfileOutsideTheContextIsRefused) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write("context/app.py", "print()\n");
  const std::string context = tree.path("context");
  EXPECT_EQ(pack_error(context, "../Dockerfile"),
            "the Dockerfile (../Dockerfile) must be within the build context \"" + context + "\"");
  EXPECT_EQ(pack_error(context, tree.path("Dockerfile")),
            "the Dockerfile (" + tree.path("Dockerfile") + ") must be within the build context \"" +
                context + "\"");
  EXPECT_EQ(
      pack_error(context, "sub/../../Dockerfile"),
      "the Dockerfile (sub/../../Dockerfile) must be within the build context \"" + context + "\"");
}

TEST(BuildContext, DockerfileSymlinkLeadingOutsideIsRefused) {
  TempTree tree;
  tree.write("outside/Dockerfile", "FROM scratch\n");
  tree.symlink(tree.path("outside/Dockerfile"), "context/Dockerfile");
  const std::string context = tree.path("context");
  EXPECT_EQ(pack_error(context),
            "the Dockerfile (Dockerfile) must be within the build context \"" + context + "\"");
}

TEST(BuildContext, MissingDockerfileIsRefused) {
  TempTree tree;
  tree.write("app.py", "print()\n");
  EXPECT_EQ(pack_error(tree.root()),
            "Dockerfile \"Dockerfile\" not found in build context \"" + tree.root() + "\"");
  EXPECT_EQ(
      pack_error(tree.root(), "docker/prod.Dockerfile"),
      "Dockerfile \"docker/prod.Dockerfile\" not found in build context \"" + tree.root() + "\"");
  tree.mkdir("dir");
  EXPECT_EQ(pack_error(tree.root(), "dir"), "Dockerfile \"dir\" is not a file");
}

TEST(BuildContext, MissingOrNonDirectoryContextIsRefused) {
  TempTree tree;
  tree.write("file", "x");
  EXPECT_EQ(pack_error(tree.path("missing")),
            "build context \"" + tree.path("missing") + "\" does not exist");
  EXPECT_EQ(pack_error(tree.path("file")),
            "build context \"" + tree.path("file") + "\" is not a directory");
}

TEST(BuildContext, BadDockerignoreNamesTheLine) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write(".dockerignore", "ok\n[oops\n");
  EXPECT_EQ(pack_error(tree.root()),
            tree.root() + "/.dockerignore line 2: syntax error in pattern \"[oops\"");
}

TEST(BuildContext, FifoIsSkipped) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  ASSERT_EQ(::mkfifo(tree.path("pipe").c_str(), 0644), 0);
  EXPECT_EQ(pack(tree.root()).names(), (Names{"Dockerfile"}));
}

// issue 19: a .dockerignore linked to /dev/zero grew memory without bound,
// one linked outside the context had its lines printed in errors. A symlink
// is refused unread, whatever it points to (dangling included).
TEST(BuildContext, DockerignoreThatIsASymlinkIsRefusedUnread) {
  for (const std::string target : {"/dev/zero", "/etc/passwd", "inside", "/nonexistent"}) {
    TempTree tree;
    tree.write("Dockerfile", "FROM scratch\n");
    tree.write("inside", "*.log\n");
    tree.symlink(target, ".dockerignore");
    EXPECT_EQ(pack_error(tree.root()), tree.path(".dockerignore") + ": is a symlink") << target;
  }
}

TEST(BuildContext, DockerignoreThatIsNotAFileIsRefused) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.mkdir(".dockerignore");
  EXPECT_EQ(pack_error(tree.root()), tree.path(".dockerignore") + ": is a directory");
  TempTree fifo;
  fifo.write("Dockerfile", "FROM scratch\n");
  ASSERT_EQ(::mkfifo(fifo.path(".dockerignore").c_str(), 0600), 0);
  EXPECT_EQ(pack_error(fifo.root()), fifo.path(".dockerignore") + ": is a FIFO");
}

TEST(BuildContext, UnreadableFileIsNamed) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root reads files whatever their mode";
  }
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write("locked", "secret");
  ASSERT_EQ(::chmod(tree.path("locked").c_str(), 0), 0);
  EXPECT_EQ(pack_error(tree.root()),
            "cannot read \"" + tree.path("locked") + "\": Permission denied");
}

TEST(BuildContext, UnreadableButIgnoredFileIsNoError) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  tree.write(".dockerignore", "locked\n");
  tree.write("locked", "secret");
  ASSERT_EQ(::chmod(tree.path("locked").c_str(), 0), 0);
  EXPECT_EQ(pack(tree.root()).names(), (Names{".dockerignore", "Dockerfile"}));
}

TEST(BuildContext, LongPathsSurvive) {
  TempTree tree;
  tree.write("Dockerfile", "FROM scratch\n");
  const std::string deep =
      std::string(80, 'a') + "/" + std::string(80, 'b') + "/" + std::string(80, 'c') + "/file.txt";
  tree.write(deep, "deep\n");
  const auto archive = pack(tree.root());
  ASSERT_NE(archive.find(deep), nullptr);
  EXPECT_EQ(archive.find(deep)->contents, "deep\n");
}

}  // namespace
}  // namespace berth::engine
