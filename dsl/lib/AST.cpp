//===- AST.cpp - Names of AST node kinds ----------------------------------===//

#include "dlm/Language/AST.h"

using namespace dlm::ast;

std::string Path::str() const {
  std::string joined;
  for (const std::string &part : parts) {
    if (!joined.empty())
      joined += '.';
    joined += part;
  }
  return joined;
}

const char *dlm::ast::stmtKindName(StmtKind kind) {
  switch (kind) {
  case StmtKind::Import: return "Import";
  case StmtKind::Block: return "Block";
  case StmtKind::Function: return "Function";
  case StmtKind::Data: return "Data";
  case StmtKind::Program: return "Program";
  case StmtKind::Const: return "Const";
  case StmtKind::Param: return "Param";
  case StmtKind::State: return "State";
  case StmtKind::Method: return "Method";
  case StmtKind::Assign: return "Assign";
  case StmtKind::IndexedAssign: return "IndexedAssign";
  case StmtKind::StateUpdate: return "StateUpdate";
  case StmtKind::Return: return "Return";
  case StmtKind::Yield: return "Yield";
  case StmtKind::If: return "If";
  case StmtKind::For: return "For";
  case StmtKind::Scan: return "Scan";
  case StmtKind::Step: return "Step";
  case StmtKind::Loss: return "Loss";
  case StmtKind::Update: return "Update";
  case StmtKind::Metric: return "Metric";
  case StmtKind::Predict: return "Predict";
  }
  return "?";
}

const char *dlm::ast::exprKindName(ExprKind kind) {
  switch (kind) {
  case ExprKind::Integer: return "Integer";
  case ExprKind::Float: return "Float";
  case ExprKind::Bool: return "Bool";
  case ExprKind::String: return "String";
  case ExprKind::Name: return "Name";
  case ExprKind::Unary: return "Unary";
  case ExprKind::Binary: return "Binary";
  case ExprKind::Call: return "Call";
  case ExprKind::Keyword: return "Keyword";
  case ExprKind::Subscript: return "Subscript";
  case ExprKind::Slice: return "Slice";
  case ExprKind::Member: return "Member";
  case ExprKind::Tuple: return "Tuple";
  case ExprKind::List: return "List";
  case ExprKind::Reduce: return "Reduce";
  case ExprKind::Ellipsis: return "Ellipsis";
  }
  return "?";
}

const char *dlm::ast::stmtKindDescription(StmtKind kind) {
  switch (kind) {
  case StmtKind::Import: return "'import'";
  case StmtKind::Block: return "a block declaration";
  case StmtKind::Function: return "a function declaration";
  case StmtKind::Data: return "a data declaration";
  case StmtKind::Program: return "a program";
  case StmtKind::Const: return "'const'";
  case StmtKind::Param: return "'param'";
  case StmtKind::State: return "'state'";
  case StmtKind::Method: return "a method definition";
  case StmtKind::Assign: return "an assignment";
  case StmtKind::IndexedAssign: return "index notation";
  case StmtKind::StateUpdate: return "a state update '<-'";
  case StmtKind::Return: return "'return'";
  case StmtKind::Yield: return "'yield'";
  case StmtKind::If: return "'if'";
  case StmtKind::For: return "'for'";
  case StmtKind::Scan: return "'scan'";
  case StmtKind::Step: return "'step'";
  case StmtKind::Loss: return "'loss'";
  case StmtKind::Update: return "'update'";
  case StmtKind::Metric: return "'metric'";
  case StmtKind::Predict: return "'predict'";
  }
  return "this statement";
}
