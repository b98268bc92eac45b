//===- ASTPrinter.cpp - Printing the AST with source locations ------------===//

#include "dlm/Language/ASTPrinter.h"

using namespace dlm;
using namespace dlm::ast;

namespace {
class Printer {
public:
  Printer(const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os) : sourceMgr(sourceMgr), os(os) {}

  void print(const Module &module) {
    os << "Module \"" << module.filename << "\"\n";
    for (const StmtPtr &declaration : module.declarations)
      print(*declaration, 1);
  }

private:
  void indent(unsigned depth) { os.indent(2 * depth); }

  void location(llvm::SMLoc loc) {
    if (!loc.isValid())
      return;
    auto [line, column] = sourceMgr.getLineAndColumn(loc);
    os << " @" << line << ":" << column;
  }

  void print(const Expr &expr, unsigned depth, llvm::StringRef role = "") {
    indent(depth);
    if (!role.empty())
      os << role << ": ";
    os << exprKindName(expr.kind);
    switch (expr.kind) {
    case ExprKind::Integer:
    case ExprKind::Float:
    case ExprKind::Name:
    case ExprKind::Unary:
    case ExprKind::Binary:
    case ExprKind::Keyword:
    case ExprKind::Member:
    case ExprKind::Reduce:
      os << " " << expr.text;
      break;
    case ExprKind::String:
      os << " \"" << expr.text << "\"";
      break;
    case ExprKind::Bool:
      os << (expr.boolean ? " true" : " false");
      break;
    default:
      break;
    }
    location(expr.loc);
    os << "\n";
    for (const ReduceIndex &index : expr.indices) {
      indent(depth + 1);
      os << "Index " << index.name;
      location(index.loc);
      os << "\n";
      if (index.extent)
        print(*index.extent, depth + 2, "extent");
    }
    for (const ExprPtr &operand : expr.operands) {
      if (operand) {
        print(*operand, depth + 1);
      } else {
        indent(depth + 1);
        os << "<none>\n";
      }
    }
  }

  void print(const TypeExpr &type, unsigned depth, llvm::StringRef role) {
    indent(depth);
    os << role << ": Type " << type.element;
    if (type.hasShape)
      os << "[" << type.dims.size() << " dims]";
    location(type.loc);
    os << "\n";
    for (const ExprPtr &dim : type.dims)
      print(*dim, depth + 1);
  }

  void print(const Parameter &parameter, unsigned depth, llvm::StringRef role) {
    indent(depth);
    os << role << " " << parameter.name;
    location(parameter.loc);
    os << "\n";
    if (parameter.type)
      print(*parameter.type, depth + 1, "type");
    if (parameter.defaultValue)
      print(*parameter.defaultValue, depth + 1, "default");
  }

  void print(const Stmt &stmt, unsigned depth) {
    indent(depth);
    os << stmtKindName(stmt.kind);
    if (!stmt.text.empty())
      os << " " << stmt.text;
    if (!stmt.name.empty())
      os << " " << stmt.name;
    for (size_t i = 0; i < stmt.targets.size(); ++i)
      os << (i == 0 ? " " : ", ") << stmt.targets[i];
    for (size_t i = 0; i < stmt.paths.size(); ++i)
      os << (i == 0 ? " " : ", ") << stmt.paths[i].str();
    if (!stmt.dataset.empty())
      os << " on " << stmt.dataset;
    if (stmt.reverse)
      os << " reverse";
    if (!stmt.checkpoint.empty())
      os << " from \"" << stmt.checkpoint << "\"";
    location(stmt.loc);
    os << "\n";
    for (const Parameter &parameter : stmt.parameters)
      print(parameter, depth + 1, "Parameter");
    for (const Result &result : stmt.results) {
      indent(depth + 1);
      os << "Result" << (result.name.empty() ? "" : " " + result.name);
      location(result.loc);
      os << "\n";
      print(*result.type, depth + 2, "type");
    }
    for (const ExprPtr &argument : stmt.arguments)
      print(*argument, depth + 1, "option");
    for (const ExprPtr &subscript : stmt.subscripts)
      print(*subscript, depth + 1, "index");
    if (stmt.type)
      print(*stmt.type, depth + 1, "type");
    if (stmt.rangeBegin)
      print(*stmt.rangeBegin, depth + 1, "from");
    if (stmt.rangeEnd)
      print(*stmt.rangeEnd, depth + 1, "to");
    if (stmt.rangeStep)
      print(*stmt.rangeStep, depth + 1, "step");
    for (const Parameter &carry : stmt.carries)
      print(carry, depth + 1, "Carry");
    if (stmt.value)
      print(*stmt.value, depth + 1, stmt.kind == StmtKind::If ? "condition" : "value");
    for (const ExprPtr &value : stmt.values)
      print(*value, depth + 1);
    for (const StmtPtr &child : stmt.body)
      print(*child, depth + 1);
    if (stmt.hasElse) {
      indent(depth);
      os << "Else\n";
      for (const StmtPtr &child : stmt.elseBody)
        print(*child, depth + 1);
    }
  }

  const llvm::SourceMgr &sourceMgr;
  llvm::raw_ostream &os;
};
} // namespace

void dlm::printModule(const Module &module, const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os) {
  Printer(sourceMgr, os).print(module);
}
