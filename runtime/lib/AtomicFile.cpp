//===- AtomicFile.cpp - Writing a file so that readers never see half of it ===//

#include "dlm/Runtime/AtomicFile.h"

#include "dlm/Runtime/Error.h"

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace dlm::runtime;

/// Syncs the directory holding `path`, so the rename itself survives a crash.
static void syncDirectoryOf(const std::string &path) {
  size_t slash = path.rfind('/');
  std::string directory = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int descriptor = open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (descriptor < 0)
    return;
  fsync(descriptor);
  close(descriptor);
}

void dlm::runtime::writeFileAtomically(const std::string &path, const std::vector<std::string_view> &pieces) {
  // Same directory as the target: rename is only atomic within one file system.
  std::string temporary = path + ".tmp." + std::to_string(getpid());
  FILE *file = std::fopen(temporary.c_str(), "wb");
  if (!file)
    fail("{}: cannot write: {}", path, systemErrorText());
  bool written = true;
  for (std::string_view piece : pieces)
    written = written && std::fwrite(piece.data(), 1, piece.size(), file) == piece.size();
  written = written && std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  std::string error = written ? "" : systemErrorText();
  written = std::fclose(file) == 0 && written;
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    if (error.empty())
      error = systemErrorText();
    std::remove(temporary.c_str());
    fail("{}: cannot write: {}", path, error);
  }
  syncDirectoryOf(path);
}
