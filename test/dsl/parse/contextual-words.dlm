// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests that contextual words (docs/language.md §2.3) are ordinary identifiers outside the
// position that makes them special, and the forms that begin a reduction body: a digit or '('.

fn f(data, train, on, with, carry, reverse, from) {
  in = data + train
  step = on
  update = with
  metric = carry
  sum = reverse * from
  r[i] = sum(j) 2 * x[i, j]
  s[i] = max(j) (x[i, j])
  return sum
}

// CHECK:Module "{{.*}}contextual-words.dlm"
// CHECK-NEXT:  Function f @5:1
// CHECK-NEXT:    Parameter data @5:6
// CHECK-NEXT:    Parameter train @5:12
// CHECK-NEXT:    Parameter on @5:19
// CHECK-NEXT:    Parameter with @5:23
// CHECK-NEXT:    Parameter carry @5:29
// CHECK-NEXT:    Parameter reverse @5:36
// CHECK-NEXT:    Parameter from @5:45
// CHECK-NEXT:    Assign in @6:3
// CHECK-NEXT:      value: Binary + @6:13
// CHECK-NEXT:        Name data @6:8
// CHECK-NEXT:        Name train @6:15
// CHECK-NEXT:    Assign step @7:3
// CHECK-NEXT:      value: Name on @7:10
// CHECK-NEXT:    Assign update @8:3
// CHECK-NEXT:      value: Name with @8:12
// CHECK-NEXT:    Assign metric @9:3
// CHECK-NEXT:      value: Name carry @9:12
// CHECK-NEXT:    Assign sum @10:3
// CHECK-NEXT:      value: Binary * @10:17
// CHECK-NEXT:        Name reverse @10:9
// CHECK-NEXT:        Name from @10:19
//
// 'sum(j) 2 * x[i, j]' is sum(j) (2 * x[i, j]): the body is a multiplicative expression.
// CHECK-NEXT:    IndexedAssign r @11:3
// CHECK-NEXT:      index: Name i @11:5
// CHECK-NEXT:      value: Reduce sum @11:10
// CHECK-NEXT:        Index j @11:14
// CHECK-NEXT:        Binary * @11:19
// CHECK-NEXT:          Integer 2 @11:17
// CHECK-NEXT:          Subscript @11:22
// CHECK-NEXT:            Name x @11:21
// CHECK-NEXT:            Name i @11:23
// CHECK-NEXT:            Name j @11:26
// CHECK-NEXT:    IndexedAssign s @12:3
// CHECK-NEXT:      index: Name i @12:5
// CHECK-NEXT:      value: Reduce max @12:10
// CHECK-NEXT:        Index j @12:14
// CHECK-NEXT:        Subscript @12:19
// CHECK-NEXT:          Name x @12:18
// CHECK-NEXT:          Name i @12:20
// CHECK-NEXT:          Name j @12:23
// CHECK-NEXT:    Return @13:3
// CHECK-NEXT:      Name sum @13:10
// CHECK-NOT:{{.}}
