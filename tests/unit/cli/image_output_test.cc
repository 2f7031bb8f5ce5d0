#include "cli/image_output.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace berth::cli {
namespace {

template <class Use>
std::string shown(ImageOutput::Mode mode, Use use) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  {
    TerminalProgress progress(out, false);
    ImageOutput output(progress, mode);
    use(output);
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

engine::ProgressMessage stream(const std::string& text) {
  engine::ProgressMessage message;
  message.stream = text;
  return message;
}

engine::ProgressMessage status(const std::string& id, const std::string& text,
                               int64_t current = 0, int64_t total = 0) {
  engine::ProgressMessage message;
  message.id = id;
  message.status = text;
  message.current = current;
  message.total = total;
  return message;
}

void a_failing_build(ImageOutput& output) {
  output.show("web", stream("Step 1/2 : FROM base\n ---> 1234\n"));
  output.show("web", stream("Step 2/2 : RUN make\n"));
  output.show("web", stream(" ---> Running in 99\ncompil"));  // a line cut by the network
  output.show("web", stream("ing...\nmake: *** error 2\n"));
  engine::ProgressMessage failure;
  failure.error = "The command '/bin/sh -c make' returned a non-zero code: 2";
  output.show("web", failure);
}

TEST(ImageOutput, PlainShowsEveryBuildLineOnce) {
  EXPECT_EQ(shown(ImageOutput::Mode::plain, a_failing_build),
            "web | Step 1/2 : FROM base\nweb |  ---> 1234\nweb | Step 2/2 : RUN make\n"
            "web |  ---> Running in 99\nweb | compiling...\nweb | make: *** error 2\n");
}

TEST(ImageOutput, CompactShowsStepsAndTheOutputOnlyWhenTheBuildFails) {
  EXPECT_EQ(shown(ImageOutput::Mode::compact, a_failing_build),
            "web | Step 1/2 : FROM base\nweb | Step 2/2 : RUN make\n"
            "web |  ---> 1234\nweb |  ---> Running in 99\nweb | compiling...\n"
            "web | make: *** error 2\n");
  const auto succeeded = shown(ImageOutput::Mode::compact, [](ImageOutput& output) {
    output.show("web", stream("Step 1/1 : RUN make\nlots of output\n"));
    output.show("web", stream("Successfully built 1234\n"));
  });
  EXPECT_EQ(succeeded, "web | Step 1/1 : RUN make\nweb | Successfully built 1234\n");
}

TEST(ImageOutput, LayerStatusesOnceEachWithoutByteCounts) {
  EXPECT_EQ(shown(ImageOutput::Mode::plain,
                  [](ImageOutput& output) {
                    output.show("db", status("a1", "Pulling fs layer"));
                    output.show("db", status("a1", "Downloading", 10, 100));
                    output.show("db", status("a1", "Downloading", 50, 100));
                    output.show("db", status("a1", "Pull complete"));
                    output.show("db", status("a1", "Pull complete"));
                    output.show("db", status("", "Status: Downloaded newer image"));
                  }),
            "db: a1: Pulling fs layer\ndb: a1: Pull complete\ndb: Status: Downloaded newer image\n");
}

TEST(ImageOutput, QuietShowsNothing) {
  EXPECT_EQ(shown(ImageOutput::Mode::quiet, a_failing_build), "");
}

}  // namespace
}  // namespace berth::cli
