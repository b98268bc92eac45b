// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests expression precedence and associativity (docs/language.md §3), literals, subscripts and
// slices, calls with keyword arguments, members, lists and tuples, and the reduction same-line
// rule. Binary and unary nodes are located at their operator, calls at their callee.

fn f(a, b, c, d, x) {
  e1 = a + b * c ** d ** 2
  e2 = -x ** 2 + 2 ** -1
  e3 = a - b - c @ d % 3 / +a
  e4 = not a == b and c or d
  e5 = (a <= b) != (c >= d)
  e6 = x[:, 0:5:2, ::2, 1:, :-1]
  e7 = f(x, axis = [0, 2], keepdims = true)
  e8 = [1, 2.5E+4, 1e-3, "s", false]
  e9 = ((a, b), (c), (d,), [])
  e10 = net.fc1.weight
  e11 = net.encode(x)[0].t
  e12 = sum(x)
  e13 = sum(i) -x[i]
  e14 = a
    - b
  return e1
}

// CHECK-LABEL:    Assign e1 @7:3
// CHECK-NEXT:      value: Binary + @7:10
// CHECK-NEXT:        Name a @7:8
// CHECK-NEXT:        Binary * @7:14
// CHECK-NEXT:          Name b @7:12
// CHECK-NEXT:          Binary ** @7:18
// CHECK-NEXT:            Name c @7:16
// CHECK-NEXT:            Binary ** @7:23
// CHECK-NEXT:              Name d @7:21
// CHECK-NEXT:              Integer 2 @7:26
//
// '-x ** 2' is -(x ** 2), and '2 ** -1' is accepted.
// CHECK-NEXT:    Assign e2 @8:3
// CHECK-NEXT:      value: Binary + @8:16
// CHECK-NEXT:        Unary - @8:8
// CHECK-NEXT:          Binary ** @8:11
// CHECK-NEXT:            Name x @8:9
// CHECK-NEXT:            Integer 2 @8:14
// CHECK-NEXT:        Binary ** @8:20
// CHECK-NEXT:          Integer 2 @8:18
// CHECK-NEXT:          Unary - @8:23
// CHECK-NEXT:            Integer 1 @8:24
//
// '+' and '-' are left-associative; '@', '%' and '/' bind like '*', also to the left.
// CHECK-NEXT:    Assign e3 @9:3
// CHECK-NEXT:      value: Binary - @9:14
// CHECK-NEXT:        Binary - @9:10
// CHECK-NEXT:          Name a @9:8
// CHECK-NEXT:          Name b @9:12
// CHECK-NEXT:        Binary / @9:26
// CHECK-NEXT:          Binary % @9:22
// CHECK-NEXT:            Binary @ @9:18
// CHECK-NEXT:              Name c @9:16
// CHECK-NEXT:              Name d @9:20
// CHECK-NEXT:            Integer 3 @9:24
// CHECK-NEXT:          Unary + @9:28
// CHECK-NEXT:            Name a @9:29
//
// 'not a == b' is 'not (a == b)'; 'and' binds tighter than 'or'.
// CHECK-NEXT:    Assign e4 @10:3
// CHECK-NEXT:      value: Binary or @10:25
// CHECK-NEXT:        Binary and @10:19
// CHECK-NEXT:          Unary not @10:8
// CHECK-NEXT:            Binary == @10:14
// CHECK-NEXT:              Name a @10:12
// CHECK-NEXT:              Name b @10:17
// CHECK-NEXT:          Name c @10:23
// CHECK-NEXT:        Name d @10:28
//
// Comparisons do not chain; parentheses around one expression leave no node.
// CHECK-NEXT:    Assign e5 @11:3
// CHECK-NEXT:      value: Binary != @11:17
// CHECK-NEXT:        Binary <= @11:11
// CHECK-NEXT:          Name a @11:9
// CHECK-NEXT:          Name b @11:14
// CHECK-NEXT:        Binary >= @11:23
// CHECK-NEXT:          Name c @11:21
// CHECK-NEXT:          Name d @11:26
//
// A slice always has three operands, <none> where a bound is left out.
// CHECK-NEXT:    Assign e6 @12:3
// CHECK-NEXT:      value: Subscript @12:9
// CHECK-NEXT:        Name x @12:8
// CHECK-NEXT:        Slice @12:10
// CHECK-NEXT:          <none>
// CHECK-NEXT:          <none>
// CHECK-NEXT:          <none>
// CHECK-NEXT:        Slice @12:13
// CHECK-NEXT:          Integer 0 @12:13
// CHECK-NEXT:          Integer 5 @12:15
// CHECK-NEXT:          Integer 2 @12:17
// CHECK-NEXT:        Slice @12:20
// CHECK-NEXT:          <none>
// CHECK-NEXT:          <none>
// CHECK-NEXT:          Integer 2 @12:22
// CHECK-NEXT:        Slice @12:25
// CHECK-NEXT:          Integer 1 @12:25
// CHECK-NEXT:          <none>
// CHECK-NEXT:          <none>
// CHECK-NEXT:        Slice @12:29
// CHECK-NEXT:          <none>
// CHECK-NEXT:          Unary - @12:30
// CHECK-NEXT:            Integer 1 @12:31
// CHECK-NEXT:          <none>
//
// CHECK-NEXT:    Assign e7 @13:3
// CHECK-NEXT:      value: Call @13:8
// CHECK-NEXT:        Name f @13:8
// CHECK-NEXT:        Name x @13:10
// CHECK-NEXT:        Keyword axis @13:13
// CHECK-NEXT:          List @13:20
// CHECK-NEXT:            Integer 0 @13:21
// CHECK-NEXT:            Integer 2 @13:24
// CHECK-NEXT:        Keyword keepdims @13:28
// CHECK-NEXT:          Bool true @13:39
//
// CHECK-NEXT:    Assign e8 @14:3
// CHECK-NEXT:      value: List @14:8
// CHECK-NEXT:        Integer 1 @14:9
// CHECK-NEXT:        Float 2.5E+4 @14:12
// CHECK-NEXT:        Float 1e-3 @14:20
// CHECK-NEXT:        String "s" @14:26
// CHECK-NEXT:        Bool false @14:31
//
// A tuple needs a comma: '(c)' and '(d,)' are just c and d.
// CHECK-NEXT:    Assign e9 @15:3
// CHECK-NEXT:      value: Tuple @15:8
// CHECK-NEXT:        Tuple @15:9
// CHECK-NEXT:          Name a @15:10
// CHECK-NEXT:          Name b @15:13
// CHECK-NEXT:        Name c @15:18
// CHECK-NEXT:        Name d @15:23
// CHECK-NEXT:        List @15:28
//
// A member is located at its '.', and a call at its callee.
// CHECK-NEXT:    Assign e10 @16:3
// CHECK-NEXT:      value: Member weight @16:17
// CHECK-NEXT:        Member fc1 @16:13
// CHECK-NEXT:          Name net @16:9
//
// CHECK-NEXT:    Assign e11 @17:3
// CHECK-NEXT:      value: Member t @17:26
// CHECK-NEXT:        Subscript @17:22
// CHECK-NEXT:          Call @17:13
// CHECK-NEXT:            Member encode @17:13
// CHECK-NEXT:              Name net @17:9
// CHECK-NEXT:            Name x @17:20
// CHECK-NEXT:          Integer 0 @17:23
//
// 'sum(x)' with nothing after it on the line is a call of the built-in, not a reduction.
// CHECK-NEXT:    Assign e12 @18:3
// CHECK-NEXT:      value: Call @18:9
// CHECK-NEXT:        Name sum @18:9
// CHECK-NEXT:        Name x @18:13
//
// 'sum(i) -x[i]' is 'sum(i) - x[i]': a reduction body cannot begin with '-'.
// CHECK-NEXT:    Assign e13 @19:3
// CHECK-NEXT:      value: Binary - @19:16
// CHECK-NEXT:        Call @19:9
// CHECK-NEXT:          Name sum @19:9
// CHECK-NEXT:          Name i @19:13
// CHECK-NEXT:        Subscript @19:18
// CHECK-NEXT:          Name x @19:17
// CHECK-NEXT:          Name i @19:19
//
// A line that begins with an operator continues the expression above.
// CHECK-NEXT:    Assign e14 @20:3
// CHECK-NEXT:      value: Binary - @21:5
// CHECK-NEXT:        Name a @20:9
// CHECK-NEXT:        Name b @21:7
// CHECK-NEXT:    Return @22:3
// CHECK-NEXT:      Name e1 @22:10
// CHECK-NOT:{{.}}
