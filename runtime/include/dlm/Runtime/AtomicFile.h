//===- AtomicFile.h - Writing a file so that readers never see half of it --===//

#ifndef DLM_RUNTIME_ATOMICFILE_H
#define DLM_RUNTIME_ATOMICFILE_H

#include <string>
#include <string_view>
#include <vector>

namespace dlm::runtime {

/// Writes `pieces` one after the other to a temporary file beside `path`, syncs it to disk and
/// renames it over `path`: a crash leaves the old file or the new one, never a mix. Throws a
/// RuntimeError naming `path` on failure.
void writeFileAtomically(const std::string &path, const std::vector<std::string_view> &pieces);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_ATOMICFILE_H
