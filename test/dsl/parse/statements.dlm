// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests statements in bodies: tuple destructuring, index notation with nested reductions,
// explicit extents and affine subscripts, a scan with a target, 'reverse', two carries and a
// yield, a scan without target, and state updates with a plain and a dotted path.

fn f(x: f32[N, C, L], k: f32[O, C, K]) {
  m, v = stats(x)
  y[n, o, t] = sum(c, j) x[n, c, 2 * t + j - 1] * k[o, c, j]
  z[n] = max(j: 3) sum(c) x[n, c, L - 1 - j]
  ys = scan t in reverse 0..L carry (h = h0, c = c0) {
    h, c = cell(x[:, :, t], h, c)
    yield h
  }
  scan t in 1..L step 2 carry (acc = x) {
    acc = acc + 1
  }
  running_mean <- 0.9 * running_mean
  net.bn.count <- count + 1
  return y, ys
}

// CHECK:Module "{{.*}}statements.dlm"
// CHECK-NEXT:  Function f @6:1
// CHECK:    Assign m, v @7:3
// CHECK-NEXT:      value: Call @7:10
// CHECK-NEXT:        Name stats @7:10
// CHECK-NEXT:        Name x @7:16
// CHECK-NEXT:    IndexedAssign y @8:3
// CHECK-NEXT:      index: Name n @8:5
// CHECK-NEXT:      index: Name o @8:8
// CHECK-NEXT:      index: Name t @8:11
// CHECK-NEXT:      value: Reduce sum @8:16
// CHECK-NEXT:        Index c @8:20
// CHECK-NEXT:        Index j @8:23
// CHECK-NEXT:        Binary * @8:49
// CHECK-NEXT:          Subscript @8:27
// CHECK-NEXT:            Name x @8:26
// CHECK-NEXT:            Name n @8:28
// CHECK-NEXT:            Name c @8:31
// CHECK-NEXT:            Binary - @8:44
// CHECK-NEXT:              Binary + @8:40
// CHECK-NEXT:                Binary * @8:36
// CHECK-NEXT:                  Integer 2 @8:34
// CHECK-NEXT:                  Name t @8:38
// CHECK-NEXT:                Name j @8:42
// CHECK-NEXT:              Integer 1 @8:46
// CHECK-NEXT:          Subscript @8:52
// CHECK-NEXT:            Name k @8:51
// CHECK-NEXT:            Name o @8:53
// CHECK-NEXT:            Name c @8:56
// CHECK-NEXT:            Name j @8:59
// CHECK-NEXT:    IndexedAssign z @9:3
// CHECK-NEXT:      index: Name n @9:5
// CHECK-NEXT:      value: Reduce max @9:10
// CHECK-NEXT:        Index j @9:14
// CHECK-NEXT:          extent: Integer 3 @9:17
// CHECK-NEXT:        Reduce sum @9:20
// CHECK-NEXT:          Index c @9:24
// CHECK-NEXT:          Subscript @9:28
// CHECK-NEXT:            Name x @9:27
// CHECK-NEXT:            Name n @9:29
// CHECK-NEXT:            Name c @9:32
// CHECK-NEXT:            Binary - @9:41
// CHECK-NEXT:              Binary - @9:37
// CHECK-NEXT:                Name L @9:35
// CHECK-NEXT:                Integer 1 @9:39
// CHECK-NEXT:              Name j @9:43
// CHECK-NEXT:    Scan t ys reverse @10:3
// CHECK-NEXT:      from: Integer 0 @10:26
// CHECK-NEXT:      to: Name L @10:29
// CHECK-NEXT:      Carry h @10:38
// CHECK-NEXT:        default: Name h0 @10:42
// CHECK-NEXT:      Carry c @10:46
// CHECK-NEXT:        default: Name c0 @10:50
// CHECK-NEXT:      Assign h, c @11:5
// CHECK-NEXT:        value: Call @11:12
// CHECK-NEXT:          Name cell @11:12
// CHECK-NEXT:          Subscript @11:18
// CHECK-NEXT:            Name x @11:17
// CHECK-NEXT:            Slice @11:19
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:            Slice @11:22
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:            Name t @11:25
// CHECK-NEXT:          Name h @11:29
// CHECK-NEXT:          Name c @11:32
// CHECK-NEXT:      Yield @12:5
// CHECK-NEXT:        Name h @12:11
// CHECK-NEXT:    Scan t @14:3
// CHECK-NEXT:      from: Integer 1 @14:13
// CHECK-NEXT:      to: Name L @14:16
// CHECK-NEXT:      step: Integer 2 @14:23
// CHECK-NEXT:      Carry acc @14:32
// CHECK-NEXT:        default: Name x @14:38
// CHECK-NEXT:      Assign acc @15:5
// CHECK-NEXT:        value: Binary + @15:15
// CHECK-NEXT:          Name acc @15:11
// CHECK-NEXT:          Integer 1 @15:17
// CHECK-NEXT:    StateUpdate running_mean @17:3
// CHECK-NEXT:      value: Binary * @17:23
// CHECK-NEXT:        Float 0.9 @17:19
// CHECK-NEXT:        Name running_mean @17:25
// CHECK-NEXT:    StateUpdate net.bn.count @18:3
// CHECK-NEXT:      value: Binary + @18:25
// CHECK-NEXT:        Name count @18:19
// CHECK-NEXT:        Integer 1 @18:27
// CHECK-NEXT:    Return @19:3
// CHECK-NEXT:      Name y @19:10
// CHECK-NEXT:      Name ys @19:13
// CHECK-NOT:{{.}}
