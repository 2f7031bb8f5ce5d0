#include "engine/read_only_engine.h"

namespace berth::engine {

namespace {

// What every refused call gives: the call's name, so a path that tried to
// change something during a dry run is named in the one line it fails with.
Error refused(const char* call) {
  return Error{ErrorCode::bad_request, 0, std::string("dry run: ") + call + " not sent"};
}

}  // namespace

Result<std::string> ReadOnlyEngine::create_container(const ContainerCreate&) {
  return refused("create container");
}
Status ReadOnlyEngine::start_container(const std::string&) { return refused("start container"); }
Status ReadOnlyEngine::stop_container(const std::string&, int) { return refused("stop container"); }
Status ReadOnlyEngine::write_container_archive(const std::string&, const std::string&,
                                               std::string, bool) {
  return refused("copy files into container");
}
Result<std::string> ReadOnlyEngine::commit_container(const std::string&,
                                                     const ContainerCommit&) {
  return refused("commit container");
}
Status ReadOnlyEngine::kill_container(const std::string&, const std::string&) {
  return refused("kill container");
}
Status ReadOnlyEngine::remove_container(const std::string&, bool, bool) {
  return refused("remove container");
}
Status ReadOnlyEngine::rename_container(const std::string&, const std::string&) {
  return refused("rename container");
}
Status ReadOnlyEngine::pause_container(const std::string&) { return refused("pause container"); }
Status ReadOnlyEngine::unpause_container(const std::string&) {
  return refused("unpause container");
}
Status ReadOnlyEngine::restart_container(const std::string&, int) {
  return refused("restart container");
}
Status ReadOnlyEngine::put_files(const std::string&, const std::vector<ContainerFile>&) {
  return refused("copy files into container");
}
Result<std::string> ReadOnlyEngine::create_network(const NetworkCreate&) {
  return refused("create network");
}
Status ReadOnlyEngine::remove_network(const std::string&) { return refused("remove network"); }
Status ReadOnlyEngine::connect_network(const std::string&, const std::string&,
                                       const EndpointConfig&) {
  return refused("connect network");
}
Status ReadOnlyEngine::disconnect_network(const std::string&, const std::string&, bool) {
  return refused("disconnect network");
}
Status ReadOnlyEngine::create_volume(const VolumeCreate&) { return refused("create volume"); }
Status ReadOnlyEngine::remove_volume(const std::string&) { return refused("remove volume"); }
Result<std::string> ReadOnlyEngine::build_image(const ImageBuild&, std::string,
                                                const ProgressHandler&) {
  return refused("build image");
}
Status ReadOnlyEngine::pull_image(const std::string&, const std::string&,
                                  const ProgressHandler&) {
  return refused("pull image");
}
Status ReadOnlyEngine::push_image(const std::string&, const std::string&,
                                  const ProgressHandler&) {
  return refused("push image");
}
Status ReadOnlyEngine::tag_image(const std::string&, const std::string&) {
  return refused("tag image");
}
Status ReadOnlyEngine::remove_image(const std::string&, bool) { return refused("remove image"); }
// Attaching changes nothing, but only a run or exec needs it, and neither is
// done in a dry run.
Result<std::unique_ptr<StdioStream>> ReadOnlyEngine::attach_container(const std::string&,
                                                                     const std::string&) {
  return refused("attach to container");
}
Status ReadOnlyEngine::resize_container(const std::string&, int, int) {
  return refused("resize container");
}
Result<std::string> ReadOnlyEngine::create_exec(const std::string&, const ExecCreate&) {
  return refused("create exec");
}
Result<std::unique_ptr<StdioStream>> ReadOnlyEngine::start_exec(const std::string&, bool) {
  return refused("start exec");
}
Status ReadOnlyEngine::start_exec_detached(const std::string&) { return refused("start exec"); }
Status ReadOnlyEngine::resize_exec(const std::string&, int, int) { return refused("resize exec"); }
Result<std::string> ReadOnlyEngine::create_service(const ServiceSpec&, const std::string&) {
  return refused("create service");
}
Status ReadOnlyEngine::update_service(const std::string&, uint64_t, const ServiceSpec&,
                                      const std::string&) {
  return refused("update service");
}
Status ReadOnlyEngine::remove_service(const std::string&) { return refused("remove service"); }

}  // namespace berth::engine
