//===- ElaboratedPrinter.cpp - Printing elaborated programs (--emit=typed) ===//
//
// One line per node, numbered in definition order, with its type and the
// .dlm location it came from, so tests can pin shape inference:
//   %3 = conv(%0, %1) {stride = [1, 1], ...} : f32[64, 6, 28, 28] @lenet.dlm:12:9
//
//===----------------------------------------------------------------------===//

#include "dlm/Language/Sema.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <iomanip>
#include <set>
#include <sstream>

using namespace dlm;
using namespace dlm::sema;

namespace {
/// Shortest round-trippable spelling: 0.05, not 5.000000e-02.
std::string formatNumber(double value) {
  std::ostringstream stream;
  stream << std::setprecision(8) << value;
  return stream.str();
}

class ElaboratedPrinter {
public:
  ElaboratedPrinter(const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os) : sourceMgr(sourceMgr), os(os) {}

  void print(const Program &program) {
    os << (program.isTraining ? "train " : "eval ") << program.name << " on " << program.dataset.name
       << " (batch " << program.batch << ", epochs " << program.epochs << ", seed " << program.seed << ")\n";
    for (const DataField &field : program.dataset.fields)
      os << "  field " << field.name << " : " << field.sampleType.str() << "\n";
    for (const auto &parameter : program.parameters) {
      os << "  " << (parameter->trainable ? "param " : "state ") << parameter->path << " : "
         << parameter->type.str() << " = ";
      print(parameter->initializer);
      if (!parameter->checkpoint.empty())
        os << " from \"" << parameter->checkpoint << "\"";
      os << "\n";
    }
    for (const Step &step : program.steps) {
      os << "  step " << step.name << "\n";
      numbers.clear();
      if (step.loss) {
        std::string loss = emitNode(step.loss, 4);
        os << "    loss " << loss << "\n";
      }
      for (const StateAssignment &assignment : step.stateAssignments) {
        std::string value = emitNode(assignment.value, 4);
        os << "    " << assignment.target->path << " <- " << value << "\n";
      }
      for (const Update &update : step.updates) {
        os << "    update ";
        for (size_t i = 0; i < update.parameters.size(); ++i)
          os << (i ? ", " : "") << update.parameters[i]->path;
        os << " with ";
        print(update.optimizer);
        os << "\n";
      }
    }
    for (const Metric &metric : program.metrics) {
      os << "  metric " << metric.name << "\n";
      numbers.clear();
      std::string value = emitNode(metric.value, 4);
      os << "    value " << value << "\n";
    }
    for (const Prediction &prediction : program.predictions) {
      os << "  predict " << prediction.name << "\n";
      numbers.clear();
      std::string value = emitNode(prediction.value, 4);
      os << "    value " << value << "\n";
    }
  }

private:
  void print(const Spec &spec) {
    os << spec.name << "(";
    bool first = true;
    for (const auto &[name, value] : spec.numbers) {
      os << (first ? "" : ", ") << name << " = " << formatNumber(value);
      first = false;
    }
    for (const auto &[name, value] : spec.strings) {
      os << (first ? "" : ", ") << name << " = \"" << value << "\"";
      first = false;
    }
    for (const auto &[name, nested] : spec.nested) {
      os << (first ? "" : ", ") << name << " = ";
      print(*nested);
      first = false;
    }
    os << ")";
  }

  /// Prints `node` and everything it depends on (once), returning its name.
  std::string emitNode(const Node *node, unsigned indent) {
    auto found = numbers.find(node);
    if (found != numbers.end())
      return "%" + std::to_string(found->second);
    std::vector<std::string> operands;
    for (const Node *operand : node->operands)
      operands.push_back(emitNode(operand, indent));
    std::vector<std::string> region;
    for (const Node *result : node->regionResults)
      region.push_back(emitNode(result, indent));
    unsigned number = static_cast<unsigned>(numbers.size());
    numbers[node] = number;
    os.indent(indent) << "%" << number << " = " << node->op;
    if (node->parameter)
      os << " " << node->parameter->path;
    else if (!node->label.empty())
      os << " " << node->label;
    os << "(";
    for (size_t i = 0; i < operands.size(); ++i)
      os << (i ? ", " : "") << operands[i];
    os << ")";
    if (!region.empty()) {
      os << " yields (";
      for (size_t i = 0; i < region.size(); ++i)
        os << (i ? ", " : "") << region[i];
      os << ")";
    }
    if (!node->attributes.empty()) {
      os << " {";
      for (size_t i = 0; i < node->attributes.size(); ++i) {
        const auto &[name, attribute] = node->attributes[i];
        os << (i ? ", " : "") << name << " = ";
        switch (attribute.kind) {
        case Attribute::Kind::Integer:
        case Attribute::Kind::Bool:
          os << attribute.integer;
          break;
        case Attribute::Kind::Float:
          os << formatNumber(attribute.real);
          break;
        case Attribute::Kind::String:
          os << "\"" << attribute.text << "\"";
          break;
        case Attribute::Kind::Integers:
          os << shapeString(attribute.integers);
          break;
        }
      }
      os << "}";
    }
    os << " : " << node->type.str();
    if (node->loc.isValid()) {
      unsigned buffer = sourceMgr.FindBufferContainingLoc(node->loc);
      auto [line, column] = sourceMgr.getLineAndColumn(node->loc, buffer);
      os << " @" << llvm::sys::path::filename(sourceMgr.getMemoryBuffer(buffer)->getBufferIdentifier()) << ":"
         << line << ":" << column;
    }
    os << "\n";
    return "%" + std::to_string(number);
  }

  const llvm::SourceMgr &sourceMgr;
  llvm::raw_ostream &os;
  std::map<const Node *, unsigned> numbers;
};
} // namespace

void dlm::printElaborated(const ElaboratedModule &module, const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os) {
  ElaboratedPrinter printer(sourceMgr, os);
  for (const auto &program : module.programs)
    printer.print(*program);
}

void dlm::printSummary(const ElaboratedModule &module, llvm::raw_ostream &os) {
  for (const auto &program : module.programs) {
    int64_t trainable = 0, state = 0, tensors = 0;
    for (const auto &parameter : program->parameters) {
      (parameter->trainable ? trainable : state) += parameter->type.numElements();
      ++tensors;
    }
    os << (program->isTraining ? "train " : "eval ") << program->name << " on " << program->dataset.name
       << ": batch " << program->batch << ", " << program->epochs << " epoch" << (program->epochs == 1 ? "" : "s")
       << ", " << tensors << " parameter tensors (" << trainable << " trainable values";
    if (state)
      os << ", " << state << " state values";
    os << "), " << program->steps.size() << " step" << (program->steps.size() == 1 ? "" : "s");
    for (const Step &step : program->steps)
      os << " [" << step.name << ": " << step.updates.size() << " update" << (step.updates.size() == 1 ? "" : "s")
         << "]";
    os << ", " << program->metrics.size() << " metric" << (program->metrics.size() == 1 ? "" : "s");
    os << ", " << program->predictions.size() << " prediction" << (program->predictions.size() == 1 ? "" : "s")
       << "\n";
  }
}
