#pragma once
#include <string>

namespace berth::scheduler {

// SHA-256 (FIPS 180-4) of `data`, as 64 lower-case hex digits. Written here
// so the config hash needs no crypto library; it is not used for security.
std::string sha256_hex(const std::string& data);

}  // namespace berth::scheduler
