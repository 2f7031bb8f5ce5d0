#include "cli/docker_plugin.h"

int main(int argc, char** argv) { return berth::cli::run_berth_or_plugin(argc, argv); }
