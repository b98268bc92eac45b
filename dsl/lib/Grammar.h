//===- Grammar.h - Boost.Spirit X3 grammar of the .dlm language -----------===//
//
// Included once, by Parser.cpp: X3 grammars are header-only templates and this
// keeps their compile cost in one translation unit.
//
// Style: every rule's attribute is built by semantic actions (a builder), not
// by X3's attribute propagation. Each node-creating action reads the source
// position from `position`, a zero-width parser that synthesizes the pointer
// of the next token, so every AST node gets an exact llvm::SMLoc.
//
// docs/language.md holds the EBNF; the comment on each rule quotes its line.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_GRAMMAR_H
#define DLM_LANGUAGE_GRAMMAR_H

#include "dlm/Language/AST.h"

#include <boost/spirit/home/x3.hpp>

#include <cctype>
#include <cstdlib>
#include <string>

namespace dlm::grammar {

namespace x3 = boost::spirit::x3;
using Iterator = const char *;
using boost::fusion::at_c;

inline llvm::SMLoc toLoc(Iterator it) { return llvm::SMLoc::getFromPointer(it); }

/// Words that can never be identifiers. Contextual words (train, eval, data, on, in,
/// with, from, step, loss, update, metric, predict, reverse, carry, sum, max, ...) are
/// only special where the grammar expects them.
inline bool isReservedWord(const std::string &word) {
  static const char *const words[] = {"import", "block", "fn",    "const", "param", "state",
                                      "return", "yield", "if",    "else",  "for",
                                      "scan",   "and",   "or",    "not",   "true",  "false"};
  for (const char *reserved : words)
    if (word == reserved)
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Primitive parsers
//===----------------------------------------------------------------------===//

/// Zero-width parser whose attribute is the position of the next token.
struct PositionParser : x3::parser<PositionParser> {
  using attribute_type = Iterator;
  static bool const has_attribute = true;

  template <typename It, typename Context, typename RuleContext, typename Attribute>
  bool parse(It &first, It const &last, Context const &context, RuleContext &, Attribute &attr) const {
    x3::skip_over(first, last, context);
    attr = first;
    return true;
  }
};

/// A whole word: `in` matches "in" but not the start of "input".
struct KeywordParser : x3::parser<KeywordParser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  const char *word;
  explicit constexpr KeywordParser(const char *word) : word(word) {}

  template <typename It, typename Context, typename RuleContext, typename Attribute>
  bool parse(It &first, It const &last, Context const &context, RuleContext &, Attribute &) const {
    x3::skip_over(first, last, context);
    It it = first;
    for (const char *w = word; *w; ++w, ++it)
      if (it == last || *it != *w)
        return false;
    if (it != last && (std::isalnum(static_cast<unsigned char>(*it)) || *it == '_'))
      return false;
    first = it;
    return true;
  }
};

/// An operator token that is not the prefix of a longer operator: `*` but
/// not `**`, `<` but not `<=` or `<-`, `.` but not `..`.
struct OperatorParser : x3::parser<OperatorParser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  const char *spelling;
  const char *notFollowedBy;
  constexpr OperatorParser(const char *spelling, const char *notFollowedBy)
      : spelling(spelling), notFollowedBy(notFollowedBy) {}

  template <typename It, typename Context, typename RuleContext, typename Attribute>
  bool parse(It &first, It const &last, Context const &context, RuleContext &, Attribute &) const {
    x3::skip_over(first, last, context);
    It it = first;
    for (const char *s = spelling; *s; ++s, ++it)
      if (it == last || *it != *s)
        return false;
    if (it != last)
      for (const char *c = notFollowedBy; *c; ++c)
        if (*it == *c)
          return false;
    first = it;
    return true;
  }
};

constexpr PositionParser position{};
inline KeywordParser kw(const char *word) { return KeywordParser(word); }
inline OperatorParser op(const char *spelling, const char *notFollowedBy = "") {
  return OperatorParser(spelling, notFollowedBy);
}

} // namespace dlm::grammar

namespace boost::spirit::x3 {
template <> struct get_info<dlm::grammar::KeywordParser> {
  using result_type = std::string;
  std::string operator()(const dlm::grammar::KeywordParser &p) const {
    return std::string("'") + p.word + "'";
  }
};
template <> struct get_info<dlm::grammar::OperatorParser> {
  using result_type = std::string;
  std::string operator()(const dlm::grammar::OperatorParser &p) const {
    return std::string("'") + p.spelling + "'";
  }
};
} // namespace boost::spirit::x3

namespace dlm::grammar {

//===----------------------------------------------------------------------===//
// Node builders used by the semantic actions
//===----------------------------------------------------------------------===//

/// An identifier with its position.
struct Name {
  std::string text;
  Iterator position = nullptr;
};

inline ast::ExprPtr makeExpr(ast::ExprKind kind, Iterator at) {
  return std::make_shared<ast::Expr>(kind, toLoc(at));
}
inline ast::StmtPtr makeStmt(ast::StmtKind kind, Iterator at) {
  return std::make_shared<ast::Stmt>(kind, toLoc(at));
}

/// Action: start a statement of `kind` at the position attribute.
inline auto begin(ast::StmtKind kind) {
  return [kind](auto &context) { x3::_val(context) = makeStmt(kind, x3::_attr(context)); };
}
/// Action: `value` of the statement being built.
inline auto setValue = [](auto &context) { x3::_val(context)->value = x3::_attr(context); };
inline auto setName = [](auto &context) {
  x3::_val(context)->name = x3::_attr(context).text;
  x3::_val(context)->nameLoc = toLoc(x3::_attr(context).position);
};
inline auto setType = [](auto &context) { x3::_val(context)->type = x3::_attr(context); };
inline auto addBody = [](auto &context) { x3::_val(context)->body.push_back(x3::_attr(context)); };
inline auto addElse = [](auto &context) {
  x3::_val(context)->hasElse = true;
  x3::_val(context)->elseBody.push_back(x3::_attr(context));
};
inline auto markElse = [](auto &context) { x3::_val(context)->hasElse = true; };
inline auto addParameter = [](auto &context) {
  x3::_val(context)->parameters.push_back(x3::_attr(context));
};
inline auto addResult = [](auto &context) { x3::_val(context)->results.push_back(x3::_attr(context)); };
inline auto addArgument = [](auto &context) {
  x3::_val(context)->arguments.push_back(x3::_attr(context));
};
inline auto addValue = [](auto &context) { x3::_val(context)->values.push_back(x3::_attr(context)); };
inline auto addTarget = [](auto &context) {
  x3::_val(context)->targets.push_back(x3::_attr(context).text);
  x3::_val(context)->targetLocs.push_back(toLoc(x3::_attr(context).position));
};
inline auto addPath = [](auto &context) { x3::_val(context)->paths.push_back(x3::_attr(context)); };
inline auto addSubscript = [](auto &context) {
  x3::_val(context)->subscripts.push_back(x3::_attr(context));
};

/// Action: fold `lhs <op> rhs` into a binary node at the operator's position.
inline auto binary(const char *spelling) {
  return [spelling](auto &context) {
    auto node = makeExpr(ast::ExprKind::Binary, at_c<0>(x3::_attr(context)));
    node->text = spelling;
    node->operands = {x3::_val(context), at_c<1>(x3::_attr(context))};
    x3::_val(context) = node;
  };
}
/// Action: a prefix operator applied to its operand.
inline auto unary(const char *spelling) {
  return [spelling](auto &context) {
    auto node = makeExpr(ast::ExprKind::Unary, at_c<0>(x3::_attr(context)));
    node->text = spelling;
    node->operands = {at_c<1>(x3::_attr(context))};
    x3::_val(context) = node;
  };
}
/// Unwraps however many optionals X3 put around an expression pointer.
inline ast::ExprPtr orNull(const ast::ExprPtr &expr) { return expr; }
template <typename T> ast::ExprPtr orNull(const boost::optional<T> &maybe) {
  return maybe ? orNull(*maybe) : nullptr;
}

inline auto assignAttribute = [](auto &context) { x3::_val(context) = x3::_attr(context); };

//===----------------------------------------------------------------------===//
// Rules
//===----------------------------------------------------------------------===//

x3::rule<class skipper_tag> const skipper = "whitespace";
x3::rule<class identifier_tag, std::string> const identifier = "an identifier";
x3::rule<class name_tag, Name> const name = "an identifier";
x3::rule<class path_tag, ast::Path> const path = "a module path";
x3::rule<class expression_tag, ast::ExprPtr> const expression = "an expression";
x3::rule<class or_tag, ast::ExprPtr> const orExpression = "an expression";
x3::rule<class and_tag, ast::ExprPtr> const andExpression = "an expression";
x3::rule<class not_tag, ast::ExprPtr> const notExpression = "an expression";
x3::rule<class comparison_tag, ast::ExprPtr> const comparison = "an expression";
x3::rule<class additive_tag, ast::ExprPtr> const additive = "an expression";
x3::rule<class multiplicative_tag, ast::ExprPtr> const multiplicative = "an expression";
x3::rule<class unary_tag, ast::ExprPtr> const unaryExpression = "an expression";
x3::rule<class reduction_tag, ast::ExprPtr> const reduction = "a reduction";
x3::rule<class power_tag, ast::ExprPtr> const power = "an expression";
x3::rule<class postfix_tag, ast::ExprPtr> const postfix = "an expression";
x3::rule<class primary_tag, ast::ExprPtr> const primary = "an expression";
x3::rule<class number_tag, ast::ExprPtr> const number = "a number";
x3::rule<class float_text_tag, std::string> const floatText = "a number";
x3::rule<class integer_text_tag, std::string> const integerText = "a number";
x3::rule<class string_text_tag, std::string> const stringText = "a string";
x3::rule<class reduction_keyword_tag, std::string> const reductionKeyword = "a reduction";
x3::rule<class program_keyword_tag, std::string> const programKeyword = "'train' or 'eval'";
x3::rule<class string_tag, ast::ExprPtr> const stringLiteral = "a string";
x3::rule<class argument_tag, ast::ExprPtr> const argument = "an argument";
x3::rule<class subscript_tag, ast::ExprPtr> const subscript = "a subscript";
x3::rule<class type_tag, ast::TypePtr> const type = "a type";
x3::rule<class dimension_tag, ast::ExprPtr> const dimension = "a dimension";
x3::rule<class parameter_tag, ast::Parameter> const parameter = "a parameter";
x3::rule<class result_tag, ast::Result> const result = "a result type";
x3::rule<class statement_tag, ast::StmtPtr> const statement = "a statement";
x3::rule<class if_tag, ast::StmtPtr> const ifStatement = "'if' or '{'";
x3::rule<class declaration_tag, ast::StmtPtr> const declaration = "a declaration";
x3::rule<class close_body_tag> const closeBody = "a statement or '}'";
x3::rule<class end_of_file_tag> const endOfFile =
    "a declaration (import, const, block, fn, data, train or eval)";

// whitespace ::= blank | '//' comment | '/*' comment '*/'
auto const skipper_def = x3::space | (x3::lit("//") >> *(x3::char_ - x3::eol)) |
                         (x3::lit("/*") >> *(x3::char_ - "*/") >> "*/");

auto const identifier_def =
    x3::raw[x3::lexeme[(x3::alpha | x3::char_('_')) >> *(x3::alnum | x3::char_('_'))]]
           [([](auto &context) {
             auto range = x3::_attr(context);
             std::string word(range.begin(), range.end());
             if (isReservedWord(word))
               x3::_pass(context) = false;
             else
               x3::_val(context) = word;
           })];

auto const name_def = (position >> identifier)[([](auto &context) {
  x3::_val(context) = Name{at_c<1>(x3::_attr(context)), at_c<0>(x3::_attr(context))};
})];

// path ::= identifier { '.' identifier }
auto const path_def = (position >> (identifier % op(".", ".")))[([](auto &context) {
  x3::_val(context).loc = toLoc(at_c<0>(x3::_attr(context)));
  x3::_val(context).parts = at_c<1>(x3::_attr(context));
})];

//===----------------------------------------------------------------------===//
// Expressions, lowest precedence first
//===----------------------------------------------------------------------===//

auto const expression_def = orExpression[assignAttribute];

// or ::= and { 'or' and }
auto const orExpression_def =
    andExpression[assignAttribute] >> *((position >> kw("or") > andExpression)[binary("or")]);

// and ::= not { 'and' not }
auto const andExpression_def =
    notExpression[assignAttribute] >> *((position >> kw("and") > notExpression)[binary("and")]);

// not ::= 'not' not | comparison
auto const notExpression_def =
    (position >> kw("not") > notExpression)[unary("not")] | comparison[assignAttribute];

// comparison ::= additive [ ('==' | '!=' | '<=' | '>=' | '<' | '>') additive ]
auto const comparison_def =
    additive[assignAttribute] >> -((position >> op("==") > additive)[binary("==")] |
                                   (position >> op("!=") > additive)[binary("!=")] |
                                   (position >> op("<=") > additive)[binary("<=")] |
                                   (position >> op(">=") > additive)[binary(">=")] |
                                   (position >> op("<", "-") > additive)[binary("<")] |
                                   (position >> op(">") > additive)[binary(">")]);

// additive ::= multiplicative { ('+' | '-') multiplicative }
auto const additive_def =
    multiplicative[assignAttribute] >> *((position >> op("+") > multiplicative)[binary("+")] |
                                         (position >> op("-") > multiplicative)[binary("-")]);

// multiplicative ::= unary { ('*' | '/' | '%' | '@') unary }
auto const multiplicative_def =
    unaryExpression[assignAttribute] >>
    *((position >> op("*", "*") > unaryExpression)[binary("*")] |
      (position >> op("/") > unaryExpression)[binary("/")] |
      (position >> op("%") > unaryExpression)[binary("%")] |
      (position >> op("@") > unaryExpression)[binary("@")]);

// unary ::= ('-' | '+') unary | reduction | power
auto const unaryExpression_def = (position >> op("-") > unaryExpression)[unary("-")] |
                                 (position >> op("+") > unaryExpression)[unary("+")] |
                                 reduction[assignAttribute] | power[assignAttribute];

// reduction ::= ('sum' | 'mean' | 'max' | 'min' | 'prod') '(' index {',' index} ')' multiplicative
// index     ::= identifier [ ':' expression ]
// The body must start on the same line: `sum(x)` at the end of a line is a call.
auto const reductionIndex = (position >> identifier >> -(op(":") > expression))[([](auto &context) {
  auto &attribute = x3::_attr(context);
  x3::_val(context)->indices.push_back(
      ast::ReduceIndex{at_c<1>(attribute), toLoc(at_c<0>(attribute)), orNull(at_c<2>(attribute))});
})];
auto const reductionKeyword_def = x3::raw[kw("sum") | kw("mean") | kw("max") | kw("min") | kw("prod")];
auto const reduction_def =
    (position >> reductionKeyword)[([](auto &context) {
      x3::_val(context) = makeExpr(ast::ExprKind::Reduce, at_c<0>(x3::_attr(context)));
      x3::_val(context)->text = at_c<1>(x3::_attr(context));
    })] >>
    op("(") >> (reductionIndex % op(",")) >> op(")") >>
    x3::no_skip[*x3::blank >> &(x3::alpha | x3::char_('_') | x3::digit | x3::char_('('))] >
    multiplicative[([](auto &context) { x3::_val(context)->operands.push_back(x3::_attr(context)); })];

// power ::= postfix [ '**' unary ]
auto const power_def =
    postfix[assignAttribute] >> -((position >> op("**") > unaryExpression)[binary("**")]);

// postfix ::= primary { '(' [argument {',' argument}] ')' | '[' subscript {',' subscript} ']' | '.' identifier }
auto const callSuffix =
    op("(")[([](auto &context) {
      // A call is located at its callee, so "Linear(784, 10) applied to ..." points at `Linear`.
      auto call = std::make_shared<ast::Expr>(ast::ExprKind::Call, x3::_val(context)->loc);
      call->operands.push_back(x3::_val(context));
      x3::_val(context) = call;
    })] >
    -(argument[([](auto &context) { x3::_val(context)->operands.push_back(x3::_attr(context)); })] %
      op(",")) > op(")");
auto const subscriptSuffix =
    (position >> op("["))[([](auto &context) {
      auto node = makeExpr(ast::ExprKind::Subscript, x3::_attr(context));
      node->operands.push_back(x3::_val(context));
      x3::_val(context) = node;
    })] >
    (subscript[([](auto &context) { x3::_val(context)->operands.push_back(x3::_attr(context)); })] %
     op(",")) > op("]");
auto const memberSuffix = (op(".", ".") >> position >> identifier)[([](auto &context) {
  auto node = makeExpr(ast::ExprKind::Member, at_c<0>(x3::_attr(context)));
  node->text = at_c<1>(x3::_attr(context));
  node->operands.push_back(x3::_val(context));
  x3::_val(context) = node;
})];
auto const postfix_def = primary[assignAttribute] >> *(callSuffix | subscriptSuffix | memberSuffix);

// argument ::= identifier '=' expression | expression
auto const argument_def =
    (position >> identifier >> op("=", "=") > expression)[([](auto &context) {
      auto node = makeExpr(ast::ExprKind::Keyword, at_c<0>(x3::_attr(context)));
      node->text = at_c<1>(x3::_attr(context));
      node->operands.push_back(at_c<2>(x3::_attr(context)));
      x3::_val(context) = node;
    })] |
    expression[assignAttribute];

// subscript ::= '...' | [expression] ':' [expression] [':' [expression]] | expression
auto const subscript_def =
    (position >> op("..."))[([](auto &context) {
      x3::_val(context) = makeExpr(ast::ExprKind::Ellipsis, x3::_attr(context));
    })] |
    (position >> -expression >> op(":") >> -expression >> -(op(":") >> -expression))[([](auto &context) {
      auto &attribute = x3::_attr(context);
      auto node = makeExpr(ast::ExprKind::Slice, at_c<0>(attribute));
      node->operands = {orNull(at_c<1>(attribute)), orNull(at_c<2>(attribute)), orNull(at_c<3>(attribute))};
      x3::_val(context) = node;
    })] |
    expression[assignAttribute];

// number ::= digits '.' digits [exponent] | digits exponent | digits
auto const exponent = x3::lexeme[(x3::char_('e') | x3::char_('E')) >> -(x3::char_('+') | x3::char_('-')) >>
                                 +x3::digit];
auto const floatText_def =
    x3::raw[x3::lexeme[(+x3::digit >> '.' >> +x3::digit >> -exponent) | (+x3::digit >> exponent)]];
auto const integerText_def = x3::raw[x3::lexeme[+x3::digit >> !(x3::alpha | x3::char_('_'))]];
auto const number_def =
    (position >> floatText)[([](auto &context) {
      x3::_val(context) = makeExpr(ast::ExprKind::Float, at_c<0>(x3::_attr(context)));
      x3::_val(context)->text = at_c<1>(x3::_attr(context));
      x3::_val(context)->real = std::strtod(x3::_val(context)->text.c_str(), nullptr);
    })] |
    (position >> integerText)[([](auto &context) {
      x3::_val(context) = makeExpr(ast::ExprKind::Integer, at_c<0>(x3::_attr(context)));
      x3::_val(context)->text = at_c<1>(x3::_attr(context));
      errno = 0;
      x3::_val(context)->integer = std::strtoll(x3::_val(context)->text.c_str(), nullptr, 10);
      if (errno == ERANGE)
        x3::_pass(context) = false;
    })];

// string ::= '"' { character } '"'
auto const stringText_def = x3::lexeme['"' > x3::raw[*(x3::char_ - '"' - x3::eol)] > '"'];
auto const stringLiteral_def = (position >> stringText)[([](auto &context) {
  x3::_val(context) = makeExpr(ast::ExprKind::String, at_c<0>(x3::_attr(context)));
  x3::_val(context)->text = at_c<1>(x3::_attr(context));
})];

auto const boolLiteral = (position >> kw("true"))[([](auto &context) {
                           x3::_val(context) = makeExpr(ast::ExprKind::Bool, x3::_attr(context));
                           x3::_val(context)->boolean = true;
                         })] |
                         (position >> kw("false"))[([](auto &context) {
                           x3::_val(context) = makeExpr(ast::ExprKind::Bool, x3::_attr(context));
                         })];

auto const nameExpression = name[([](auto &context) {
  x3::_val(context) = makeExpr(ast::ExprKind::Name, x3::_attr(context).position);
  x3::_val(context)->text = x3::_attr(context).text;
})];

// parenthesized ::= '(' expression { ',' expression } [','] ')'   (a tuple when there is a comma)
auto const parenthesized =
    (position >> op("(") >> (expression % op(",")) >> -x3::lit(',') > op(")"))[([](auto &context) {
      auto &elements = at_c<1>(x3::_attr(context));
      if (elements.size() == 1) {
        x3::_val(context) = elements.front();
        return;
      }
      x3::_val(context) = makeExpr(ast::ExprKind::Tuple, at_c<0>(x3::_attr(context)));
      x3::_val(context)->operands = elements;
    })];

// list ::= '[' [ expression { ',' expression } ] ']'
auto const list = (position >> op("[") >> -(expression % op(",")) > op("]"))[([](auto &context) {
  x3::_val(context) = makeExpr(ast::ExprKind::List, at_c<0>(x3::_attr(context)));
  if (at_c<1>(x3::_attr(context)))
    x3::_val(context)->operands = *at_c<1>(x3::_attr(context));
})];

// primary ::= number | string | 'true' | 'false' | identifier | parenthesized | list
auto const primary_def = number[assignAttribute] | stringLiteral[assignAttribute] |
                         boolLiteral | nameExpression | parenthesized | list;

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// dimension ::= '...' | expression
auto const dimension_def = (position >> op("..."))[([](auto &context) {
                             x3::_val(context) = makeExpr(ast::ExprKind::Ellipsis, x3::_attr(context));
                           })] |
                           expression[assignAttribute];

// type ::= identifier [ '[' [ dimension { ',' dimension } ] ']' ]
auto const type_def =
    (position >> identifier)[([](auto &context) {
      x3::_val(context) = std::make_shared<ast::TypeExpr>();
      x3::_val(context)->loc = toLoc(at_c<0>(x3::_attr(context)));
      x3::_val(context)->element = at_c<1>(x3::_attr(context));
    })] >>
    -(op("[")[([](auto &context) { x3::_val(context)->hasShape = true; })] >
      -(dimension[([](auto &context) { x3::_val(context)->dims.push_back(x3::_attr(context)); })] %
        op(",")) > op("]"));

//===----------------------------------------------------------------------===//
// Statements and declarations
//===----------------------------------------------------------------------===//

// parameter ::= identifier [ ':' type ] [ '=' expression ]
auto const parameter_def = name[([](auto &context) {
  x3::_val(context).name = x3::_attr(context).text;
  x3::_val(context).loc = toLoc(x3::_attr(context).position);
})] >> -(op(":") > type[([](auto &context) { x3::_val(context).type = x3::_attr(context); })]) >>
                           -(op("=") > expression[([](auto &context) {
                               x3::_val(context).defaultValue = x3::_attr(context);
                             })]);

// result ::= [ identifier ':' ] type
auto const result_def = -(name >> op(":"))[([](auto &context) {
  x3::_val(context).name = x3::_attr(context).text;
  x3::_val(context).loc = toLoc(x3::_attr(context).position);
})] >> type[([](auto &context) {
  x3::_val(context).type = x3::_attr(context);
  if (!x3::_val(context).loc.isValid())
    x3::_val(context).loc = x3::_attr(context)->loc;
})];

auto const parameterList = op("(") > -(parameter[addParameter] % op(",")) > op(")");
auto const argumentList = op("(") > -(argument[addArgument] % op(",")) > op(")");
// results ::= result | '(' result { ',' result } ')'
auto const resultList = op("->") > ((op("(") > (result[addResult] % op(",")) > op(")")) | result[addResult]);
auto const closeBody_def = op("}");
auto const body = op("{") > *(statement[addBody]) > closeBody;
// range ::= expression '..' expression [ 'step' expression ]
auto const range = expression[([](auto &context) { x3::_val(context)->rangeBegin = x3::_attr(context); })] >
                   op("..", ".") >
                   expression[([](auto &context) { x3::_val(context)->rangeEnd = x3::_attr(context); })] >
                   -(kw("step") > expression[([](auto &context) {
                       x3::_val(context)->rangeStep = x3::_attr(context);
                     })]);

// import ::= 'import' ( path | string )
auto const importDeclaration =
    (position >> kw("import"))[begin(ast::StmtKind::Import)] >
    (path[([](auto &context) {
       x3::_val(context)->name = x3::_attr(context).str();
       x3::_val(context)->nameLoc = x3::_attr(context).loc;
     })] |
     stringLiteral[([](auto &context) {
       x3::_val(context)->name = x3::_attr(context)->text;
       x3::_val(context)->nameLoc = x3::_attr(context)->loc;
       x3::_val(context)->text = "file";
     })]);

// block ::= 'block' identifier [ '(' parameters ')' ] '{' { statement } '}'
auto const blockDeclaration = (position >> kw("block"))[begin(ast::StmtKind::Block)] > name[setName] >
                              -parameterList > body;

// fn ::= 'fn' identifier '(' parameters ')' [ '->' results ] '{' { statement } '}'
auto const functionDeclaration = (position >> kw("fn"))[begin(ast::StmtKind::Function)] > name[setName] >
                                 parameterList > -resultList > body;

// data ::= 'data' identifier '{' { statement } '}'
auto const dataDeclaration =
    (position >> kw("data") >> &identifier)[begin(ast::StmtKind::Data)] > name[setName] > body;

// program ::= ('train' | 'eval') identifier 'on' identifier [ '(' arguments ')' ] '{' { statement } '}'
auto const programKeyword_def = x3::raw[kw("train") | kw("eval")];
auto const programDeclaration =
    (position >> programKeyword >> &identifier)[([](auto &context) {
      x3::_val(context) = makeStmt(ast::StmtKind::Program, at_c<0>(x3::_attr(context)));
      x3::_val(context)->text = at_c<1>(x3::_attr(context));
    })] >
    name[setName] > kw("on") > name[([](auto &context) {
      x3::_val(context)->dataset = x3::_attr(context).text;
      x3::_val(context)->datasetLoc = toLoc(x3::_attr(context).position);
    })] > -argumentList > body;

// const ::= 'const' identifier [ ':' type ] '=' expression
auto const constDeclaration = (position >> kw("const"))[begin(ast::StmtKind::Const)] > name[setName] >
                              -(op(":") > type[setType]) > op("=") > expression[setValue];

// param ::= 'param' identifier ':' type [ '=' expression ]      (likewise 'state')
auto const paramDeclaration = (position >> kw("param"))[begin(ast::StmtKind::Param)] > name[setName] >
                              op(":") > type[setType] > -(op("=") > expression[setValue]);
auto const stateDeclaration = (position >> kw("state"))[begin(ast::StmtKind::State)] > name[setName] >
                              op(":") > type[setType] > -(op("=") > expression[setValue]);

// return ::= 'return' expression { ',' expression }
auto const returnStatement =
    (position >> kw("return"))[begin(ast::StmtKind::Return)] > (expression[addValue] % op(","));
// yield ::= 'yield' expression { ',' expression }
auto const yieldStatement =
    (position >> kw("yield"))[begin(ast::StmtKind::Yield)] > (expression[addValue] % op(","));

// if ::= 'if' expression '{' { statement } '}' [ 'else' ( if | '{' { statement } '}' ) ]
auto const ifStatement_def = (position >> kw("if"))[begin(ast::StmtKind::If)] > expression[setValue] > body >
                             -(kw("else") > (ifStatement[addElse] |
                                             (op("{")[markElse] > *(statement[addElse]) > closeBody)));

// for ::= 'for' identifier 'in' range '{' { statement } '}'
auto const forStatement =
    (position >> kw("for"))[begin(ast::StmtKind::For)] > name[setName] > kw("in") > range > body;

// scan ::= [ identifier '=' ] 'scan' identifier 'in' [ 'reverse' ] range
//          'carry' '(' identifier '=' expression { ',' ... } ')' '{' { statement } '}'
auto const carry = name >> op("=") > expression;
auto const scanStatement =
    ((position >> -(name >> op("=", "=") >> &kw("scan")) >> kw("scan")))[([](auto &context) {
      auto &attribute = x3::_attr(context);
      x3::_val(context) = makeStmt(ast::StmtKind::Scan, at_c<0>(attribute));
      if (auto target = at_c<1>(attribute)) {
        x3::_val(context)->targets.push_back(target->text);
        x3::_val(context)->targetLocs.push_back(toLoc(target->position));
      }
    })] >
    name[setName] > kw("in") > -kw("reverse")[([](auto &context) { x3::_val(context)->reverse = true; })] >
    range > kw("carry") > op("(") > (carry[([](auto &context) {
      auto &attribute = x3::_attr(context);
      ast::Parameter carried;
      carried.name = at_c<0>(attribute).text;
      carried.loc = toLoc(at_c<0>(attribute).position);
      carried.defaultValue = at_c<1>(attribute);
      x3::_val(context)->carries.push_back(carried);
    })] % op(",")) > op(")") > body;

// step ::= 'step' identifier [ '(' arguments ')' ] '{' { statement } '}'
auto const stepStatement = (position >> kw("step") >> &(identifier >> (op("{") | op("("))))[begin(
                               ast::StmtKind::Step)] > name[setName] > -argumentList > body;

// loss ::= 'loss' '=' expression
auto const lossStatement =
    (position >> kw("loss") >> op("=", "="))[begin(ast::StmtKind::Loss)] > expression[setValue];

// update ::= 'update' path { ',' path } 'with' expression
auto const updateStatement =
    (position >> kw("update") >> &(path >> (op(",") | kw("with"))))[begin(ast::StmtKind::Update)] >
    (path[addPath] % op(",")) > kw("with") > expression[setValue];

// metric ::= 'metric' identifier '=' expression
auto const metricStatement = (position >> kw("metric") >> &(identifier >> op("=", "=")))[begin(
                                 ast::StmtKind::Metric)] > name[setName] > op("=") > expression[setValue];

// predict ::= 'predict' identifier '=' expression
auto const predictStatement = (position >> kw("predict") >> &(identifier >> op("=", "=")))[begin(
                                  ast::StmtKind::Predict)] > name[setName] > op("=") > expression[setValue];

// method ::= identifier '(' parameters ')' [ '->' results ] '{' { statement } '}'
auto const methodDeclaration = (name >> &op("("))[([](auto &context) {
  x3::_val(context) = makeStmt(ast::StmtKind::Method, x3::_attr(context).position);
  x3::_val(context)->name = x3::_attr(context).text;
  x3::_val(context)->nameLoc = toLoc(x3::_attr(context).position);
})] > parameterList > -resultList > body;

// state-update ::= path '<-' expression
auto const stateUpdate = (path >> op("<-"))[([](auto &context) {
  x3::_val(context) = makeStmt(ast::StmtKind::StateUpdate, x3::_attr(context).loc.getPointer());
  x3::_val(context)->paths.push_back(x3::_attr(context));
})] > expression[setValue];

// indexed-assign ::= identifier '[' expression { ',' expression } ']' '=' expression
auto const indexedAssign =
    (name >> op("[") >> (subscript % op(",")) >> op("]") >> op("=", "="))[([](auto &context) {
      auto &attribute = x3::_attr(context);
      x3::_val(context) = makeStmt(ast::StmtKind::IndexedAssign, at_c<0>(attribute).position);
      x3::_val(context)->targets.push_back(at_c<0>(attribute).text);
      x3::_val(context)->targetLocs.push_back(toLoc(at_c<0>(attribute).position));
      x3::_val(context)->subscripts = at_c<1>(attribute);
    })] > expression[setValue];

// assign ::= identifier { ',' identifier } '=' expression [ 'from' string ]
auto const assignTargets = (position >> (name % op(",")) >> op("=", "="))[([](auto &context) {
  auto &attribute = x3::_attr(context);
  x3::_val(context) = makeStmt(ast::StmtKind::Assign, at_c<0>(attribute));
  for (const Name &target : at_c<1>(attribute)) {
    x3::_val(context)->targets.push_back(target.text);
    x3::_val(context)->targetLocs.push_back(toLoc(target.position));
  }
})];
auto const assignStatement =
    assignTargets > expression[setValue] >
    -(kw("from") > stringLiteral[([](auto &context) { x3::_val(context)->checkpoint = x3::_attr(context)->text; })]);

// statement ::= const | param | state | return | yield | if | for | scan | step | loss | update
//             | metric | predict | method | state-update | indexed-assign | assign
auto const statement_def = constDeclaration | paramDeclaration | stateDeclaration | returnStatement |
                           yieldStatement | ifStatement[assignAttribute] | forStatement | scanStatement | stepStatement |
                           lossStatement | updateStatement | metricStatement | predictStatement | methodDeclaration |
                           stateUpdate | indexedAssign | assignStatement;

// declaration ::= import | const | block | fn | data | program
auto const declaration_def = importDeclaration | constDeclaration | blockDeclaration | functionDeclaration |
                             dataDeclaration | programDeclaration;
auto const endOfFile_def = x3::eoi;

BOOST_SPIRIT_DEFINE(skipper, identifier, name, path, expression, orExpression, andExpression,
                    notExpression, comparison, additive, multiplicative, unaryExpression, reduction, power,
                    postfix, primary, number, floatText, integerText, stringText, reductionKeyword,
                    programKeyword, stringLiteral, argument, subscript, type, dimension, parameter,
                    result, statement, ifStatement, declaration, closeBody, endOfFile)

// module ::= { declaration } end-of-file
inline auto const moduleGrammar = *declaration > endOfFile;

} // namespace dlm::grammar

#endif // DLM_LANGUAGE_GRAMMAR_H
