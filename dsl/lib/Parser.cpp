//===- Parser.cpp - The one translation unit that instantiates the grammar ===//

#include "dlm/Language/Parser.h"

#include "Grammar.h"

#include <cctype>
#include <cerrno>
#include <cstring>

using namespace dlm;

/// Describes the token at `where` for "expected X, got Y" messages.
static std::string describeToken(const char *where, const char *end) {
  if (where == end)
    return "end of file";
  const char *tokenEnd = where;
  auto isWordChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
  if (static_cast<unsigned char>(*where) >= 0x80) {
    // A UTF-8 sequence: print the whole character.
    while (tokenEnd != end && (tokenEnd == where || (static_cast<unsigned char>(*tokenEnd) & 0xC0) == 0x80))
      ++tokenEnd;
  } else if (isWordChar(*where)) {
    while (tokenEnd != end && isWordChar(*tokenEnd))
      ++tokenEnd;
  } else if (*where == '"') {
    return "a string";
  } else {
    static const char *const operators[] = {"...", "->", "<-", "==", "!=", "<=", ">=", "**", ".."};
    for (const char *spelling : operators) {
      size_t length = std::strlen(spelling);
      if (static_cast<size_t>(end - where) >= length && std::strncmp(where, spelling, length) == 0)
        return std::string("'") + spelling + "'";
    }
    tokenEnd = where + 1;
  }
  return "'" + std::string(where, tokenEnd) + "'";
}

/// X3 names literal parsers with double quotes; diagnostics use single quotes.
static std::string describeExpected(std::string which) {
  // Expectations on parsers with semantic actions report a mangled C++ type
  // that still contains the rule's tag: name the rule the way users think of it.
  if (which.find("boost") != std::string::npos || which.find("x3") != std::string::npos) {
    static const std::pair<const char *, const char *> tags[] = {
        {"result_tag", "a result type"}, {"parameter_tag", "a parameter"}, {"if_tag", "'{' or 'if' after 'else'"},
        {"statement_tag", "a statement"}, {"path_tag", "a module path"}, {"string_tag", "a string"},
        {"type_tag", "a type"},           {"name_tag", "an identifier"},    {"expression_tag", "an expression"}};
    if (which.find("path_tag") != std::string::npos && which.find("string_tag") != std::string::npos)
      return "a module path or a string";
    size_t first = std::string::npos;
    const char *best = "an expression";
    for (auto &[tag, description] : tags) {
      size_t at = which.find(tag);
      if (at < first) {
        first = at;
        best = description;
      }
    }
    return best;
  }
  for (char &c : which)
    if (c == '"')
      c = '\'';
  return which;
}

/// Finds the start of the next token after `position` (skipping blanks and comments).
static const char *skipToToken(const char *position, const char *end) {
  while (position != end) {
    if (std::isspace(static_cast<unsigned char>(*position))) {
      ++position;
    } else if (end - position >= 2 && position[0] == '/' && position[1] == '/') {
      while (position != end && *position != '\n')
        ++position;
    } else if (end - position >= 2 && position[0] == '/' && position[1] == '*') {
      const char *close = std::strstr(position + 2, "*/");
      position = close ? close + 2 : end;
    } else {
      break;
    }
  }
  return position;
}

std::unique_ptr<ast::Module> dlm::parseModule(unsigned bufferId, DiagnosticEngine &diagnostics) {
  const llvm::MemoryBuffer *buffer = diagnostics.getSourceMgr().getMemoryBuffer(bufferId);
  auto module = std::make_unique<ast::Module>();
  module->filename = buffer->getBufferIdentifier().str();
  module->bufferId = bufferId;

  const char *first = buffer->getBufferStart();
  const char *const last = buffer->getBufferEnd();
  try {
    bool parsed = boost::spirit::x3::phrase_parse(first, last, grammar::moduleGrammar, grammar::skipper,
                                                  module->declarations);
    if (!parsed) {
      const char *where = skipToToken(first, last);
      diagnostics.error(llvm::SMLoc::getFromPointer(where),
                        "expected a declaration, got " + describeToken(where, last));
      return nullptr;
    }
  } catch (const boost::spirit::x3::expectation_failure<const char *> &failure) {
    if (failure.which() == "'\"'") {
      // The closing quote is missing: point at the opening one.
      const char *open = failure.where();
      while (open != buffer->getBufferStart() && *open != '"')
        --open;
      diagnostics.error(llvm::SMLoc::getFromPointer(open), "unterminated string: expected '\"', got end of line");
      return nullptr;
    }
    const char *where = skipToToken(failure.where(), last);
    if (where != buffer->getBufferStart() && where[0] == '*' && where[-1] == '/')
      --where; // the '/' of an unclosed comment was read as a division
    if (last - where >= 2 && where[0] == '/' && where[1] == '*') {
      diagnostics.error(llvm::SMLoc::getFromPointer(where), "unterminated comment: expected '*/', got end of file");
      return nullptr;
    }
    if (std::isdigit(static_cast<unsigned char>(*where))) {
      const char *end = where;
      while (end != last && std::isdigit(static_cast<unsigned char>(*end)))
        ++end;
      errno = 0;
      std::strtoll(std::string(where, end).c_str(), nullptr, 10);
      if (errno == ERANGE) {
        diagnostics.error(llvm::SMLoc::getFromPointer(where),
                          "expected an integer that fits in 64 bits, got '" + std::string(where, end) + "'");
        return nullptr;
      }
    }
    diagnostics.error(llvm::SMLoc::getFromPointer(where),
                      "expected " + describeExpected(failure.which()) + ", got " + describeToken(where, last));
    return nullptr;
  }
  return module;
}
