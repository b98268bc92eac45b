// RUN: dlm-difftest %s | FileCheck %s
// RUN: dlm-difftest -O0 %s | FileCheck %s
// Differential tests of every lowered dlm op: each public function runs compiled (through
// the whole pipeline, JIT-linked) and in the float64 reference evaluator on the same random
// inputs (floats in [-1, 1), ints in [0, 10), or an argument's dlm.test_range), optimized
// and at -O0. A result passes within 1e-5 + 1e-4 * max|reference| (exactly for integers).
// Every result line of every function is checked, so a FAIL anywhere fails the test (as does
// dlm-difftest's exit code).
// Function names avoid libm's (exp, tanh, ...): a public function of that name would take
// the place of the libm symbol that f64 math calls.

// Binary elementwise ops on floats, broadcasting in every direction (trailing vector,
// extent-1 column, rank 0); pow's base is kept positive.

// CHECK-NOT: FAIL
// CHECK: {{^}}# add_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS add_broadcast result 0:
func.func @add_broadcast(%a: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = dlm.add %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# sub_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS sub_broadcast result 0:
func.func @sub_broadcast(%a: tensor<4x8xf32>, %b: tensor<4x1xf32>) -> tensor<4x8xf32> {
  %0 = dlm.sub %a, %b : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# mul_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS mul_broadcast result 0:
func.func @mul_broadcast(%a: tensor<4x8xf32>, %b: tensor<f32>) -> tensor<4x8xf32> {
  %0 = dlm.mul %a, %b : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# div_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS div_broadcast result 0:
func.func @div_broadcast(%a: tensor<4x8xf32>, %b: tensor<1x8xf32> {dlm.test_range = [0.5, 2.0]}) -> tensor<4x8xf32> {
  %0 = dlm.div %a, %b : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# max_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS max_broadcast result 0:
func.func @max_broadcast(%a: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = dlm.max %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# min_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS min_broadcast result 0:
func.func @min_broadcast(%a: tensor<4x8xf32>, %b: tensor<4x1xf32>) -> tensor<4x8xf32> {
  %0 = dlm.min %a, %b : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pow{{$}}
// CHECK-NEXT: {{^}}PASS pow result 0:
func.func @pow(%a: tensor<4x8xf32> {dlm.test_range = [0.1, 2.0]}, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = dlm.pow %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// Integer arithmetic (inputs in [0, 10)).

// CHECK-NOT: FAIL
// CHECK: {{^}}# integer_arithmetic{{$}}
// CHECK-NEXT: {{^}}PASS integer_arithmetic result 0:
// CHECK-NEXT: {{^}}PASS integer_arithmetic result 1:
// CHECK-NEXT: {{^}}PASS integer_arithmetic result 2:
func.func @integer_arithmetic(%a: tensor<4x8xi32>, %b: tensor<8xi32>) -> (tensor<4x8xi32>, tensor<4x8xi32>, tensor<4x8xi32>) {
  %0 = dlm.add %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi32>
  %1 = dlm.sub %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi32>
  %2 = dlm.mul %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi32>
  return %0, %1, %2 : tensor<4x8xi32>, tensor<4x8xi32>, tensor<4x8xi32>
}

// Unary ops; f32 exp, log, tanh, erf, sin and cos are polynomials in compiled code, so
// their inputs span the ranges networks use. f64 math goes to libm.

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_neg{{$}}
// CHECK-NEXT: {{^}}PASS unary_neg result 0:
func.func @unary_neg(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = dlm.neg %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_exp{{$}}
// CHECK-NEXT: {{^}}PASS unary_exp result 0:
func.func @unary_exp(%x: tensor<4x16xf32> {dlm.test_range = [-4.0, 4.0]}) -> tensor<4x16xf32> {
  %0 = dlm.exp %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_log{{$}}
// CHECK-NEXT: {{^}}PASS unary_log result 0:
func.func @unary_log(%x: tensor<4x16xf32> {dlm.test_range = [0.1, 2.0]}) -> tensor<4x16xf32> {
  %0 = dlm.log %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_sqrt{{$}}
// CHECK-NEXT: {{^}}PASS unary_sqrt result 0:
func.func @unary_sqrt(%x: tensor<4x16xf32> {dlm.test_range = [0.1, 2.0]}) -> tensor<4x16xf32> {
  %0 = dlm.sqrt %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_rsqrt{{$}}
// CHECK-NEXT: {{^}}PASS unary_rsqrt result 0:
func.func @unary_rsqrt(%x: tensor<4x16xf32> {dlm.test_range = [0.1, 2.0]}) -> tensor<4x16xf32> {
  %0 = dlm.rsqrt %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_abs{{$}}
// CHECK-NEXT: {{^}}PASS unary_abs result 0:
func.func @unary_abs(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = dlm.abs %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_sign{{$}}
// CHECK-NEXT: {{^}}PASS unary_sign result 0:
func.func @unary_sign(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = dlm.sign %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_tanh{{$}}
// CHECK-NEXT: {{^}}PASS unary_tanh result 0:
func.func @unary_tanh(%x: tensor<4x16xf32> {dlm.test_range = [-4.0, 4.0]}) -> tensor<4x16xf32> {
  %0 = dlm.tanh %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_sigmoid{{$}}
// CHECK-NEXT: {{^}}PASS unary_sigmoid result 0:
func.func @unary_sigmoid(%x: tensor<4x16xf32> {dlm.test_range = [-6.0, 6.0]}) -> tensor<4x16xf32> {
  %0 = dlm.sigmoid %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_relu{{$}}
// CHECK-NEXT: {{^}}PASS unary_relu result 0:
func.func @unary_relu(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = dlm.relu %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_gelu{{$}}
// CHECK-NEXT: {{^}}PASS unary_gelu result 0:
func.func @unary_gelu(%x: tensor<4x16xf32> {dlm.test_range = [-3.0, 3.0]}) -> tensor<4x16xf32> {
  %0 = dlm.gelu %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_softplus{{$}}
// CHECK-NEXT: {{^}}PASS unary_softplus result 0:
func.func @unary_softplus(%x: tensor<4x16xf32> {dlm.test_range = [-6.0, 6.0]}) -> tensor<4x16xf32> {
  %0 = dlm.softplus %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_sin{{$}}
// CHECK-NEXT: {{^}}PASS unary_sin result 0:
func.func @unary_sin(%x: tensor<4x16xf32> {dlm.test_range = [-4.0, 4.0]}) -> tensor<4x16xf32> {
  %0 = dlm.sin %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_cos{{$}}
// CHECK-NEXT: {{^}}PASS unary_cos result 0:
func.func @unary_cos(%x: tensor<4x16xf32> {dlm.test_range = [-4.0, 4.0]}) -> tensor<4x16xf32> {
  %0 = dlm.cos %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_erf{{$}}
// CHECK-NEXT: {{^}}PASS unary_erf result 0:
func.func @unary_erf(%x: tensor<4x16xf32> {dlm.test_range = [-3.0, 3.0]}) -> tensor<4x16xf32> {
  %0 = dlm.erf %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unary_floor{{$}}
// CHECK-NEXT: {{^}}PASS unary_floor result 0:
func.func @unary_floor(%x: tensor<4x16xf32> {dlm.test_range = [-3.0, 3.0]}) -> tensor<4x16xf32> {
  %0 = dlm.floor %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# leaky_relu_and_elu{{$}}
// CHECK-NEXT: {{^}}PASS leaky_relu_and_elu result 0:
// CHECK-NEXT: {{^}}PASS leaky_relu_and_elu result 1:
func.func @leaky_relu_and_elu(%x: tensor<4x16xf32> {dlm.test_range = [-3.0, 3.0]}) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %0 = dlm.leaky_relu %x {slope = 0.1 : f64} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = dlm.elu %x {alpha = 0.5 : f64} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0, %1 : tensor<4x16xf32>, tensor<4x16xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# f64_math{{$}}
// CHECK-NEXT: {{^}}PASS f64_math result 0:
// CHECK-NEXT: {{^}}PASS f64_math result 1:
func.func @f64_math(%x: tensor<4x8xf64>, %w: tensor<8x3xf64>) -> (tensor<4x8xf64>, tensor<4x3xf64>) {
  %0 = dlm.exp %x : (tensor<4x8xf64>) -> tensor<4x8xf64>
  %1 = dlm.tanh %0 : (tensor<4x8xf64>) -> tensor<4x8xf64>
  %2 = dlm.matmul %1, %w : (tensor<4x8xf64>, tensor<8x3xf64>) -> tensor<4x3xf64>
  return %1, %2 : tensor<4x8xf64>, tensor<4x3xf64>
}

// Comparisons (against relu(x), so that equality holds for the positive half), select
// with a broadcast scalar, and bool logic.

// CHECK-NOT: FAIL
// CHECK: {{^}}# compare_float{{$}}
// CHECK-NEXT: {{^}}PASS compare_float result 0:
// CHECK-NEXT: {{^}}PASS compare_float result 1:
// CHECK-NEXT: {{^}}PASS compare_float result 2:
// CHECK-NEXT: {{^}}PASS compare_float result 3:
// CHECK-NEXT: {{^}}PASS compare_float result 4:
// CHECK-NEXT: {{^}}PASS compare_float result 5:
func.func @compare_float(%a: tensor<4x8xf32>) -> (tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>) {
  %r = dlm.relu %a : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = dlm.compare eq, %a, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %1 = dlm.compare ne, %a, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %2 = dlm.compare lt, %a, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %3 = dlm.compare le, %a, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %4 = dlm.compare gt, %a, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %5 = dlm.compare ge, %a, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# compare_integer{{$}}
// CHECK-NEXT: {{^}}PASS compare_integer result 0:
// CHECK-NEXT: {{^}}PASS compare_integer result 1:
// CHECK-NEXT: {{^}}PASS compare_integer result 2:
// CHECK-NEXT: {{^}}PASS compare_integer result 3:
// CHECK-NEXT: {{^}}PASS compare_integer result 4:
// CHECK-NEXT: {{^}}PASS compare_integer result 5:
func.func @compare_integer(%a: tensor<4x8xi32>, %b: tensor<8xi32>) -> (tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>) {
  %0 = dlm.compare eq, %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi1>
  %1 = dlm.compare ne, %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi1>
  %2 = dlm.compare lt, %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi1>
  %3 = dlm.compare le, %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi1>
  %4 = dlm.compare gt, %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi1>
  %5 = dlm.compare ge, %a, %b : (tensor<4x8xi32>, tensor<8xi32>) -> tensor<4x8xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<4x8xi1>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# select_and_logic{{$}}
// CHECK-NEXT: {{^}}PASS select_and_logic result 0:
// CHECK-NEXT: {{^}}PASS select_and_logic result 1:
// CHECK-NEXT: {{^}}PASS select_and_logic result 2:
// CHECK-NEXT: {{^}}PASS select_and_logic result 3:
func.func @select_and_logic(%c: tensor<4x8xi1>, %d: tensor<8xi1>, %x: tensor<4x8xf32>, %y: tensor<f32>) -> (tensor<4x8xf32>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<8xi1>) {
  %0 = dlm.select %c, %x, %y : (tensor<4x8xi1>, tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %1 = dlm.and %c, %d : (tensor<4x8xi1>, tensor<8xi1>) -> tensor<4x8xi1>
  %2 = dlm.or %c, %d : (tensor<4x8xi1>, tensor<8xi1>) -> tensor<4x8xi1>
  %3 = dlm.not %d : (tensor<8xi1>) -> tensor<8xi1>
  return %0, %1, %2, %3 : tensor<4x8xf32>, tensor<4x8xi1>, tensor<4x8xi1>, tensor<8xi1>
}

// Conversions: float to int truncates, to bool is != 0, bools become 0 or 1, raw bytes
// widen as MLIRGen emits them for u8 data.

// CHECK-NOT: FAIL
// CHECK: {{^}}# convert_float_to_int{{$}}
// CHECK-NEXT: {{^}}PASS convert_float_to_int result 0:
// CHECK-NEXT: {{^}}PASS convert_float_to_int result 1:
// CHECK-NEXT: {{^}}PASS convert_float_to_int result 2:
func.func @convert_float_to_int(%x: tensor<4x8xf32> {dlm.test_range = [-5.0, 5.0]}) -> (tensor<4x8xi32>, tensor<4x8xi1>, tensor<4x8xf64>) {
  %0 = dlm.convert %x : (tensor<4x8xf32>) -> tensor<4x8xi32>
  %r = dlm.relu %x : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = dlm.convert %r : (tensor<4x8xf32>) -> tensor<4x8xi1>
  %2 = dlm.convert %x : (tensor<4x8xf32>) -> tensor<4x8xf64>
  return %0, %1, %2 : tensor<4x8xi32>, tensor<4x8xi1>, tensor<4x8xf64>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# convert_int_to_float{{$}}
// CHECK-NEXT: {{^}}PASS convert_int_to_float result 0:
// CHECK-NEXT: {{^}}PASS convert_int_to_float result 1:
// CHECK-NEXT: {{^}}PASS convert_int_to_float result 2:
func.func @convert_int_to_float(%i: tensor<4x8xi32> {dlm.test_range = [-100.0, 100.0]}, %b: tensor<4x8xi1>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xi8>) {
  %0 = dlm.convert %i : (tensor<4x8xi32>) -> tensor<4x8xf32>
  %1 = dlm.convert %b : (tensor<4x8xi1>) -> tensor<4x8xf32>
  %2 = dlm.convert %i : (tensor<4x8xi32>) -> tensor<4x8xi8>
  return %0, %1, %2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xi8>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# unsigned_bytes{{$}}
// CHECK-NEXT: {{^}}PASS unsigned_bytes result 0:
func.func @unsigned_bytes(%bytes: tensor<4x8xi8> {dlm.test_range = [-128.0, 128.0]}) -> tensor<4x8xf32> {
  %zero = dlm.constant dense<0> : tensor<i32>
  %wrap = dlm.constant dense<256> : tensor<i32>
  %0 = dlm.convert %bytes : (tensor<4x8xi8>) -> tensor<4x8xi32>
  %1 = dlm.compare lt, %0, %zero : (tensor<4x8xi32>, tensor<i32>) -> tensor<4x8xi1>
  %2 = dlm.add %0, %wrap : (tensor<4x8xi32>, tensor<i32>) -> tensor<4x8xi32>
  %3 = dlm.select %1, %2, %0 : (tensor<4x8xi1>, tensor<4x8xi32>, tensor<4x8xi32>) -> tensor<4x8xi32>
  %4 = dlm.convert %3 : (tensor<4x8xi32>) -> tensor<4x8xf32>
  return %4 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# constant_and_stopgrad{{$}}
// CHECK-NEXT: {{^}}PASS constant_and_stopgrad result 0:
func.func @constant_and_stopgrad(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c = dlm.constant dense<[1.0, -2.0, 0.5, 3.0, 0.0, -1.5, 2.5, 4.0]> : tensor<8xf32>
  %s = dlm.stopgrad %c : (tensor<8xf32>) -> tensor<8xf32>
  %0 = dlm.mul %x, %s : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// Reductions of every kind, with and without keepdims.

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_sum_rows{{$}}
// CHECK-NEXT: {{^}}PASS reduce_sum_rows result 0:
func.func @reduce_sum_rows(%x: tensor<4x3x5xf32>) -> tensor<4x5xf32> {
  %0 = dlm.reduce sum %x {axes = array<i64: 1>} : (tensor<4x3x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_sum_all{{$}}
// CHECK-NEXT: {{^}}PASS reduce_sum_all result 0:
func.func @reduce_sum_all(%x: tensor<4x3x5xf32>) -> tensor<f32> {
  %0 = dlm.reduce sum %x {axes = array<i64: 0, 1, 2>} : (tensor<4x3x5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_sum_keepdims{{$}}
// CHECK-NEXT: {{^}}PASS reduce_sum_keepdims result 0:
func.func @reduce_sum_keepdims(%x: tensor<4x3x5xf32>) -> tensor<1x3x5xf32> {
  %0 = dlm.reduce sum %x {axes = array<i64: 0>, keepdims = true} : (tensor<4x3x5xf32>) -> tensor<1x3x5xf32>
  return %0 : tensor<1x3x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_mean{{$}}
// CHECK-NEXT: {{^}}PASS reduce_mean result 0:
func.func @reduce_mean(%x: tensor<4x3x5xf32>) -> tensor<3xf32> {
  %0 = dlm.reduce mean %x {axes = array<i64: 0, 2>} : (tensor<4x3x5xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_mean_keepdims{{$}}
// CHECK-NEXT: {{^}}PASS reduce_mean_keepdims result 0:
func.func @reduce_mean_keepdims(%x: tensor<4x3x5xf32>) -> tensor<1x3x1xf32> {
  %0 = dlm.reduce mean %x {axes = array<i64: 0, 2>, keepdims = true} : (tensor<4x3x5xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_max{{$}}
// CHECK-NEXT: {{^}}PASS reduce_max result 0:
func.func @reduce_max(%x: tensor<4x3x5xf32>) -> tensor<3x5xf32> {
  %0 = dlm.reduce max %x {axes = array<i64: 0>} : (tensor<4x3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_max_keepdims{{$}}
// CHECK-NEXT: {{^}}PASS reduce_max_keepdims result 0:
func.func @reduce_max_keepdims(%x: tensor<4x3x5xf32>) -> tensor<4x3x1xf32> {
  %0 = dlm.reduce max %x {axes = array<i64: 2>, keepdims = true} : (tensor<4x3x5xf32>) -> tensor<4x3x1xf32>
  return %0 : tensor<4x3x1xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_min{{$}}
// CHECK-NEXT: {{^}}PASS reduce_min result 0:
func.func @reduce_min(%x: tensor<4x3x5xf32>) -> tensor<4xf32> {
  %0 = dlm.reduce min %x {axes = array<i64: 1, 2>} : (tensor<4x3x5xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_min_keepdims{{$}}
// CHECK-NEXT: {{^}}PASS reduce_min_keepdims result 0:
func.func @reduce_min_keepdims(%x: tensor<4x3x5xf32>) -> tensor<4x1x5xf32> {
  %0 = dlm.reduce min %x {axes = array<i64: 1>, keepdims = true} : (tensor<4x3x5xf32>) -> tensor<4x1x5xf32>
  return %0 : tensor<4x1x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_prod{{$}}
// CHECK-NEXT: {{^}}PASS reduce_prod result 0:
func.func @reduce_prod(%x: tensor<4x3x5xf32> {dlm.test_range = [0.5, 1.5]}) -> tensor<4x3xf32> {
  %0 = dlm.reduce prod %x {axes = array<i64: 2>} : (tensor<4x3x5xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_prod_keepdims{{$}}
// CHECK-NEXT: {{^}}PASS reduce_prod_keepdims result 0:
func.func @reduce_prod_keepdims(%x: tensor<4x3x5xf32> {dlm.test_range = [0.5, 1.5]}) -> tensor<1x1x5xf32> {
  %0 = dlm.reduce prod %x {axes = array<i64: 0, 1>, keepdims = true} : (tensor<4x3x5xf32>) -> tensor<1x1x5xf32>
  return %0 : tensor<1x1x5xf32>
}

// Index notation: a contraction, max and mean kinds with a permuted output, an
// elementwise body.

// CHECK-NOT: FAIL
// CHECK: {{^}}# contract_sum{{$}}
// CHECK-NEXT: {{^}}PASS contract_sum result 0:
func.func @contract_sum(%x: tensor<4x12xf32>, %w: tensor<5x12xf32>) -> tensor<4x5xf32> {
  %0 = dlm.contract sum (%x, %w) {indexing_maps = [affine_map<(n, o, i) -> (n, i)>, affine_map<(n, o, i) -> (o, i)>], output_rank = 2 : i64}
      : (tensor<4x12xf32>, tensor<5x12xf32>) -> tensor<4x5xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    dlm.yield %p : f32
  }
  return %0 : tensor<4x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# contract_max_and_mean{{$}}
// CHECK-NEXT: {{^}}PASS contract_max_and_mean result 0:
// CHECK-NEXT: {{^}}PASS contract_max_and_mean result 1:
func.func @contract_max_and_mean(%x: tensor<4x6x3xf32>) -> (tensor<4xf32>, tensor<3x4xf32>) {
  %0 = dlm.contract max (%x) {indexing_maps = [affine_map<(n, i, j) -> (n, i, j)>], output_rank = 1 : i64}
      : (tensor<4x6x3xf32>) -> tensor<4xf32> {
  ^bb0(%a: f32):
    %e = math.exp %a : f32
    dlm.yield %e : f32
  }
  %1 = dlm.contract mean (%x, %x) {indexing_maps = [affine_map<(j, n, i) -> (n, i, j)>, affine_map<(j, n, i) -> (n, i, j)>], output_rank = 2 : i64}
      : (tensor<4x6x3xf32>, tensor<4x6x3xf32>) -> tensor<3x4xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    dlm.yield %p : f32
  }
  return %0, %1 : tensor<4xf32>, tensor<3x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# contract_elementwise{{$}}
// CHECK-NEXT: {{^}}PASS contract_elementwise result 0:
func.func @contract_elementwise(%x: tensor<4x6xf32>, %y: tensor<6xf32>) -> tensor<4x6xf32> {
  %0 = dlm.contract sum (%x, %y) {indexing_maps = [affine_map<(n, i) -> (n, i)>, affine_map<(n, i) -> (i)>], output_rank = 2 : i64}
      : (tensor<4x6xf32>, tensor<6xf32>) -> tensor<4x6xf32> {
  ^bb0(%a: f32, %b: f32):
    %d = arith.subf %a, %b : f32
    %s = arith.mulf %d, %d : f32
    dlm.yield %s : f32
  }
  return %0 : tensor<4x6xf32>
}

// matmul, with broadcast batch dimensions.

// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul{{$}}
// CHECK-NEXT: {{^}}PASS matmul result 0:
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = dlm.matmul %a, %b : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// Matmuls large enough for dlm-tile-large-matmuls (a right-hand operand over 512 KiB): four
// column blocks of 128 (two panels each), depth blocks of 1024 steps and a last one of 76, and
// 270 rows (a tail row block); then one panel per block, 2048 steps and 52, the left operand
// read transposed.

// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul_cache_blocks{{$}}
// CHECK-NEXT: {{^}}PASS matmul_cache_blocks result 0:
func.func @matmul_cache_blocks(%a: tensor<270x1100xf32>, %b: tensor<1100x512xf32>) -> tensor<270x512xf32> {
  %0 = dlm.matmul %a, %b : (tensor<270x1100xf32>, tensor<1100x512xf32>) -> tensor<270x512xf32>
  return %0 : tensor<270x512xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul_cache_blocks_transposed_left{{$}}
// CHECK-NEXT: {{^}}PASS matmul_cache_blocks_transposed_left result 0:
func.func @matmul_cache_blocks_transposed_left(%a: tensor<2100x270xf32>, %b: tensor<2100x256xf32>) -> tensor<270x256xf32> {
  %t = dlm.transpose %a {permutation = array<i64: 1, 0>} : (tensor<2100x270xf32>) -> tensor<270x2100xf32>
  %0 = dlm.matmul %t, %b : (tensor<270x2100xf32>, tensor<2100x256xf32>) -> tensor<270x256xf32>
  return %0 : tensor<270x256xf32>
}

// A product reshaped into rows of 5 (a Linear layer's input gradient before a flatten): fusion
// expands the product to [64, 16, 5, 5], dlm-collapse-short-rows makes its rows 400 long again.
// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul_flattened_rows{{$}}
// CHECK-NEXT: {{^}}PASS matmul_flattened_rows result 0:
func.func @matmul_flattened_rows(%g: tensor<64x120xf32>, %w: tensor<120x400xf32>) -> tensor<64x16x5x5xf32> {
  %0 = dlm.matmul %g, %w : (tensor<64x120xf32>, tensor<120x400xf32>) -> tensor<64x400xf32>
  %1 = dlm.reshape %0 : (tensor<64x400xf32>) -> tensor<64x16x5x5xf32>
  %2 = dlm.relu %1 : (tensor<64x16x5x5xf32>) -> tensor<64x16x5x5xf32>
  return %2 : tensor<64x16x5x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul_batch_broadcast{{$}}
// CHECK-NEXT: {{^}}PASS matmul_batch_broadcast result 0:
func.func @matmul_batch_broadcast(%a: tensor<2x1x4x5xf32>, %b: tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32> {
  %0 = dlm.matmul %a, %b : (tensor<2x1x4x5xf32>, tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32>
  return %0 : tensor<2x3x4x6xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul_batch_by_matrix{{$}}
// CHECK-NEXT: {{^}}PASS matmul_batch_by_matrix result 0:
func.func @matmul_batch_by_matrix(%a: tensor<3x4x5xf32>, %b: tensor<5x6xf32>) -> tensor<3x4x6xf32> {
  %0 = dlm.matmul %a, %b : (tensor<3x4x5xf32>, tensor<5x6xf32>) -> tensor<3x4x6xf32>
  return %0 : tensor<3x4x6xf32>
}

// Shape ops.

// CHECK-NOT: FAIL
// CHECK: {{^}}# reshape{{$}}
// CHECK-NEXT: {{^}}PASS reshape result 0:
// CHECK-NEXT: {{^}}PASS reshape result 1:
// CHECK-NEXT: {{^}}PASS reshape result 2:
func.func @reshape(%x: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<4x6xf32>, tensor<24xf32>) {
  %0 = dlm.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = dlm.reshape %x : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  %2 = dlm.reshape %x : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return %0, %1, %2 : tensor<6x4xf32>, tensor<4x6xf32>, tensor<24xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# transpose{{$}}
// CHECK-NEXT: {{^}}PASS transpose result 0:
// CHECK-NEXT: {{^}}PASS transpose result 1:
func.func @transpose(%x: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<3x2x4xf32>) {
  %0 = dlm.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = dlm.transpose %x {permutation = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %0, %1 : tensor<4x2x3xf32>, tensor<3x2x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# broadcast{{$}}
// CHECK-NEXT: {{^}}PASS broadcast result 0:
// CHECK-NEXT: {{^}}PASS broadcast result 1:
func.func @broadcast(%v: tensor<4xf32>, %c: tensor<3x1xf32>) -> (tensor<2x3x4xf32>, tensor<3x4xf32>) {
  %0 = dlm.broadcast %v : (tensor<4xf32>) -> tensor<2x3x4xf32>
  %1 = dlm.broadcast %c : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<3x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# strided_slice{{$}}
// CHECK-NEXT: {{^}}PASS strided_slice result 0:
// CHECK-NEXT: {{^}}PASS strided_slice result 1:
func.func @strided_slice(%x: tensor<6x10xf32>) -> (tensor<2x3xf32>, tensor<6x5xf32>) {
  %0 = dlm.slice %x {start = array<i64: 1, 2>, limit = array<i64: 5, 10>, stride = array<i64: 2, 3>} : (tensor<6x10xf32>) -> tensor<2x3xf32>
  %1 = dlm.slice %x {start = array<i64: 0, 5>, limit = array<i64: 6, 10>, stride = array<i64: 1, 1>} : (tensor<6x10xf32>) -> tensor<6x5xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<6x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# concat{{$}}
// CHECK-NEXT: {{^}}PASS concat result 0:
// CHECK-NEXT: {{^}}PASS concat result 1:
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>, %c: tensor<2x4xf32>, %d: tensor<3x3xf32>) -> (tensor<2x8xf32>, tensor<5x3xf32>) {
  %0 = dlm.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
  %1 = dlm.concat %a, %d {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<5x3xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<5x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pad{{$}}
// CHECK-NEXT: {{^}}PASS pad result 0:
// CHECK-NEXT: {{^}}PASS pad result 1:
func.func @pad(%x: tensor<2x3x4xf32>, %i: tensor<3x2xi32>) -> (tensor<3x5x7xf32>, tensor<5x3xi32>) {
  %0 = dlm.pad %x {low = array<i64: 1, 0, 2>, high = array<i64: 0, 2, 1>, value = -0.5 : f64} : (tensor<2x3x4xf32>) -> tensor<3x5x7xf32>
  %1 = dlm.pad %i {low = array<i64: 2, 0>, high = array<i64: 0, 1>, value = 7.0 : f64} : (tensor<3x2xi32>) -> tensor<5x3xi32>
  return %0, %1 : tensor<3x5x7xf32>, tensor<5x3xi32>
}

// Convolutions and both adjoints with the same attributes: stride 2 with padding 1,
// dilation 2, groups 2, all at once, an input whose last row no window reaches, a
// rectangular kernel with per-dimension attributes, stride 3 leaving gaps, padding wider
// than the kernel's reach, depthwise; 1-d and 3-d.

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_stride2_pad1{{$}}
// CHECK-NEXT: {{^}}PASS conv_stride2_pad1 result 0:
func.func @conv_stride2_pad1(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_dilation2{{$}}
// CHECK-NEXT: {{^}}PASS conv_dilation2 result 0:
func.func @conv_dilation2(%x: tensor<2x3x9x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x9x9xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 2, 2>, groups = 1 : i64}
      : (tensor<2x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x9x9xf32>
  return %0 : tensor<2x4x9x9xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_groups2{{$}}
// CHECK-NEXT: {{^}}PASS conv_groups2 result 0:
func.func @conv_groups2(%x: tensor<2x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x6x8x8xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 2 : i64}
      : (tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<2x6x8x8xf32>
  return %0 : tensor<2x6x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_all_attributes{{$}}
// CHECK-NEXT: {{^}}PASS conv_all_attributes result 0:
func.func @conv_all_attributes(%x: tensor<2x4x9x9xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x6x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 2>, groups = 2 : i64}
      : (tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32>) -> tensor<2x6x4x4xf32>
  return %0 : tensor<2x6x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_odd_input{{$}}
// CHECK-NEXT: {{^}}PASS conv_odd_input result 0:
func.func @conv_odd_input(%x: tensor<2x3x7x7xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_rectangular{{$}}
// CHECK-NEXT: {{^}}PASS conv_rectangular result 0:
func.func @conv_rectangular(%x: tensor<2x3x7x9xf32>, %w: tensor<4x3x3x2xf32>) -> tensor<2x4x4x8xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x7x9xf32>, tensor<4x3x3x2xf32>) -> tensor<2x4x4x8xf32>
  return %0 : tensor<2x4x4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_stride3_gaps{{$}}
// CHECK-NEXT: {{^}}PASS conv_stride3_gaps result 0:
func.func @conv_stride3_gaps(%x: tensor<1x2x8x8xf32>, %w: tensor<3x2x2x2xf32>) -> tensor<1x3x3x3xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 3, 3>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x2x8x8xf32>, tensor<3x2x2x2xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_wide_padding{{$}}
// CHECK-NEXT: {{^}}PASS conv_wide_padding result 0:
func.func @conv_wide_padding(%x: tensor<1x1x6x6xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<1x2x10x10xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 3, 3>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x1x6x6xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_depthwise{{$}}
// CHECK-NEXT: {{^}}PASS conv_depthwise result 0:
func.func @conv_depthwise(%x: tensor<2x4x6x6xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<2x4x6x6xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 4 : i64}
      : (tensor<2x4x6x6xf32>, tensor<4x1x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_1d{{$}}
// CHECK-NEXT: {{^}}PASS conv_1d result 0:
func.func @conv_1d(%x: tensor<2x3x10xf32>, %w: tensor<4x3x3xf32>) -> tensor<2x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64}
      : (tensor<2x3x10xf32>, tensor<4x3x3xf32>) -> tensor<2x4x4xf32>
  return %0 : tensor<2x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_3d{{$}}
// CHECK-NEXT: {{^}}PASS conv_3d result 0:
func.func @conv_3d(%x: tensor<1x2x5x4x4xf32>, %w: tensor<2x2x2x2x2xf32>) -> tensor<1x2x4x3x3xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x2x5x4x4xf32>, tensor<2x2x2x2x2xf32>) -> tensor<1x2x4x3x3xf32>
  return %0 : tensor<1x2x4x3x3xf32>
}

// Forward convolutions summed channels-last (output channels a multiple of 16, short output
// rows): LeNet's conv2 on 3 images; stride 2, padding and dilation 2 with 32 channels; 1-D; 3-D.

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_channels_last{{$}}
// CHECK-NEXT: {{^}}PASS conv_channels_last result 0:
func.func @conv_channels_last(%x: tensor<3x6x14x14xf32>, %w: tensor<16x6x5x5xf32>) -> tensor<3x16x10x10xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<3x6x14x14xf32>, tensor<16x6x5x5xf32>) -> tensor<3x16x10x10xf32>
  return %0 : tensor<3x16x10x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_channels_last_stride2_dilation2{{$}}
// CHECK-NEXT: {{^}}PASS conv_channels_last_stride2_dilation2 result 0:
func.func @conv_channels_last_stride2_dilation2(%x: tensor<2x4x13x11xf32>, %w: tensor<32x4x3x3xf32>) -> tensor<2x32x6x5xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 2>, groups = 1 : i64}
      : (tensor<2x4x13x11xf32>, tensor<32x4x3x3xf32>) -> tensor<2x32x6x5xf32>
  return %0 : tensor<2x32x6x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_channels_last_1d{{$}}
// CHECK-NEXT: {{^}}PASS conv_channels_last_1d result 0:
func.func @conv_channels_last_1d(%x: tensor<2x8x12xf32>, %w: tensor<16x8x3xf32>) -> tensor<2x16x10xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64}
      : (tensor<2x8x12xf32>, tensor<16x8x3xf32>) -> tensor<2x16x10xf32>
  return %0 : tensor<2x16x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_channels_last_3d{{$}}
// CHECK-NEXT: {{^}}PASS conv_channels_last_3d result 0:
func.func @conv_channels_last_3d(%x: tensor<1x2x6x5x6xf32>, %w: tensor<16x2x3x2x3xf32>) -> tensor<1x16x4x4x4xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x2x6x5x6xf32>, tensor<16x2x3x2x3xf32>) -> tensor<1x16x4x4x4xf32>
  return %0 : tensor<1x16x4x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_stride2_pad1{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_stride2_pad1 result 0:
func.func @conv_backward_filter_stride2_pad1(%x: tensor<2x3x8x8xf32>, %g: tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x8x8xf32>, tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32>
  return %0 : tensor<4x3x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_channels_last{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_channels_last result 0:
func.func @conv_backward_filter_channels_last(%x: tensor<3x8x9x9xf32>, %g: tensor<3x16x5x5xf32>) -> tensor<16x8x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<3x8x9x9xf32>, tensor<3x16x5x5xf32>) -> tensor<16x8x3x3xf32>
  return %0 : tensor<16x8x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_channels_last_dilation2{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_channels_last_dilation2 result 0:
func.func @conv_backward_filter_channels_last_dilation2(%x: tensor<2x4x10x10xf32>, %g: tensor<2x48x8x8xf32>) -> tensor<48x4x5x5xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 3, 3>, dilation = array<i64: 2, 2>, groups = 1 : i64}
      : (tensor<2x4x10x10xf32>, tensor<2x48x8x8xf32>) -> tensor<48x4x5x5xf32>
  return %0 : tensor<48x4x5x5xf32>
}

// The stem's shape in small: one input channel, 32 output channels, a batch of 8 that four
// parallel ranges of two images each sum image by image into partial sums that are then added.
// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_channels_last_ranges{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_channels_last_ranges result 0:
func.func @conv_backward_filter_channels_last_ranges(%x: tensor<8x1x12x12xf32>, %g: tensor<8x32x12x12xf32>) -> tensor<32x1x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<8x1x12x12xf32>, tensor<8x32x12x12xf32>) -> tensor<32x1x3x3xf32>
  return %0 : tensor<32x1x3x3xf32>
}

// 20 output channels and 19-wide rows: the channels-last copy's 16 x 16 register tiles have
// tails in both directions.
// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_channels_last_tails{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_channels_last_tails result 0:
func.func @conv_backward_filter_channels_last_tails(%x: tensor<2x8x5x19xf32>, %g: tensor<2x20x5x19xf32>) -> tensor<20x8x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x8x5x19xf32>, tensor<2x20x5x19xf32>) -> tensor<20x8x3x3xf32>
  return %0 : tensor<20x8x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_channels_last_3d{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_channels_last_3d result 0:
func.func @conv_backward_filter_channels_last_3d(%x: tensor<2x8x4x5x6xf32>, %g: tensor<2x16x3x4x5xf32>) -> tensor<16x8x2x2x2xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, groups = 1 : i64}
      : (tensor<2x8x4x5x6xf32>, tensor<2x16x3x4x5xf32>) -> tensor<16x8x2x2x2xf32>
  return %0 : tensor<16x8x2x2x2xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_dilation2{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_dilation2 result 0:
func.func @conv_backward_filter_dilation2(%x: tensor<2x3x9x9xf32>, %g: tensor<2x4x9x9xf32>) -> tensor<4x3x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 2, 2>, groups = 1 : i64}
      : (tensor<2x3x9x9xf32>, tensor<2x4x9x9xf32>) -> tensor<4x3x3x3xf32>
  return %0 : tensor<4x3x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_groups2{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_groups2 result 0:
func.func @conv_backward_filter_groups2(%x: tensor<2x4x8x8xf32>, %g: tensor<2x6x8x8xf32>) -> tensor<6x2x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 2 : i64}
      : (tensor<2x4x8x8xf32>, tensor<2x6x8x8xf32>) -> tensor<6x2x3x3xf32>
  return %0 : tensor<6x2x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_all_attributes{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_all_attributes result 0:
func.func @conv_backward_filter_all_attributes(%x: tensor<2x4x9x9xf32>, %g: tensor<2x6x4x4xf32>) -> tensor<6x2x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 2>, groups = 2 : i64}
      : (tensor<2x4x9x9xf32>, tensor<2x6x4x4xf32>) -> tensor<6x2x3x3xf32>
  return %0 : tensor<6x2x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_odd_input{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_odd_input result 0:
func.func @conv_backward_filter_odd_input(%x: tensor<2x3x7x7xf32>, %g: tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x7x7xf32>, tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32>
  return %0 : tensor<4x3x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_rectangular{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_rectangular result 0:
func.func @conv_backward_filter_rectangular(%x: tensor<2x3x7x9xf32>, %g: tensor<2x4x4x8xf32>) -> tensor<4x3x3x2xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x7x9xf32>, tensor<2x4x4x8xf32>) -> tensor<4x3x3x2xf32>
  return %0 : tensor<4x3x3x2xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_stride3_gaps{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_stride3_gaps result 0:
func.func @conv_backward_filter_stride3_gaps(%x: tensor<1x2x8x8xf32>, %g: tensor<1x3x3x3xf32>) -> tensor<3x2x2x2xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 3, 3>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x2x8x8xf32>, tensor<1x3x3x3xf32>) -> tensor<3x2x2x2xf32>
  return %0 : tensor<3x2x2x2xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_wide_padding{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_wide_padding result 0:
func.func @conv_backward_filter_wide_padding(%x: tensor<1x1x6x6xf32>, %g: tensor<1x2x10x10xf32>) -> tensor<2x1x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 3, 3>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x1x6x6xf32>, tensor<1x2x10x10xf32>) -> tensor<2x1x3x3xf32>
  return %0 : tensor<2x1x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_depthwise{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_depthwise result 0:
func.func @conv_backward_filter_depthwise(%x: tensor<2x4x6x6xf32>, %g: tensor<2x4x6x6xf32>) -> tensor<4x1x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 4 : i64}
      : (tensor<2x4x6x6xf32>, tensor<2x4x6x6xf32>) -> tensor<4x1x3x3xf32>
  return %0 : tensor<4x1x3x3xf32>
}

// 3x3 convolutions with stride 1 and 16-channel multiples run as F(4x4, 3x3) Winograd, and so
// do the input gradients of such convolutions: output tiles that overhang the image (10 rows
// in tiles of 4), different padding per dimension, padding 0 (the gradient padded by 2), and
// more output than input channels. Its transforms multiply by up to 8 and divide by 24, so
// its error is larger than a direct sum's; the tolerance above holds it.

// CHECK-NOT: FAIL
// CHECK: {{^}}# winograd_partial_tiles{{$}}
// CHECK-NEXT: {{^}}PASS winograd_partial_tiles result 0:
func.func @winograd_partial_tiles(%x: tensor<2x16x10x10xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<2x16x10x10xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x16x10x10xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x10x10xf32>
  return %0 : tensor<2x16x10x10xf32>
}

// Whole tiles: the output tiles are copied back to [C, H, W] as one 2-D transpose
// (dlm-vectorize-transposes merges the tile dimensions).
// CHECK-NOT: FAIL
// CHECK: {{^}}# winograd_whole_tiles{{$}}
// CHECK-NEXT: {{^}}PASS winograd_whole_tiles result 0:
func.func @winograd_whole_tiles(%x: tensor<2x16x8x12xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<2x16x8x12xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x16x8x12xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x8x12xf32>
  return %0 : tensor<2x16x8x12xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# winograd_uneven_padding{{$}}
// CHECK-NEXT: {{^}}PASS winograd_uneven_padding result 0:
func.func @winograd_uneven_padding(%x: tensor<1x16x9x12xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x32x11x10xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 2, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x16x9x12xf32>, tensor<32x16x3x3xf32>) -> tensor<1x32x11x10xf32>
  return %0 : tensor<1x32x11x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# winograd_backward_input_pad0{{$}}
// CHECK-NEXT: {{^}}PASS winograd_backward_input_pad0 result 0:
func.func @winograd_backward_input_pad0(%g: tensor<3x32x8x12xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<3x16x10x14xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<3x32x8x12xf32>, tensor<32x16x3x3xf32>) -> tensor<3x16x10x14xf32>
  return %0 : tensor<3x16x10x14xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# winograd_backward_input_pad1{{$}}
// CHECK-NEXT: {{^}}PASS winograd_backward_input_pad1 result 0:
func.func @winograd_backward_input_pad1(%g: tensor<2x16x12x12xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<2x16x12x12xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x16x12x12xf32>, tensor<16x16x3x3xf32>) -> tensor<2x16x12x12xf32>
  return %0 : tensor<2x16x12x12xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_stride2_pad1{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_stride2_pad1 result 0:
func.func @conv_backward_input_stride2_pad1(%g: tensor<2x4x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_dilation2{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_dilation2 result 0:
func.func @conv_backward_input_dilation2(%g: tensor<2x4x9x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x3x9x9xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 2, 2>, dilation = array<i64: 2, 2>, groups = 1 : i64}
      : (tensor<2x4x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x9x9xf32>
  return %0 : tensor<2x3x9x9xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_groups2{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_groups2 result 0:
func.func @conv_backward_input_groups2(%g: tensor<2x6x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x4x8x8xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 2 : i64}
      : (tensor<2x6x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<2x4x8x8xf32>
  return %0 : tensor<2x4x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_all_attributes{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_all_attributes result 0:
func.func @conv_backward_input_all_attributes(%g: tensor<2x6x4x4xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x4x9x9xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 2>, groups = 2 : i64}
      : (tensor<2x6x4x4xf32>, tensor<6x2x3x3xf32>) -> tensor<2x4x9x9xf32>
  return %0 : tensor<2x4x9x9xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_odd_input{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_odd_input result 0:
func.func @conv_backward_input_odd_input(%g: tensor<2x4x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x3x7x7xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x7x7xf32>
  return %0 : tensor<2x3x7x7xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_rectangular{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_rectangular result 0:
func.func @conv_backward_input_rectangular(%g: tensor<2x4x4x8xf32>, %w: tensor<4x3x3x2xf32>) -> tensor<2x3x7x9xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x4x4x8xf32>, tensor<4x3x3x2xf32>) -> tensor<2x3x7x9xf32>
  return %0 : tensor<2x3x7x9xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_stride3_gaps{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_stride3_gaps result 0:
func.func @conv_backward_input_stride3_gaps(%g: tensor<1x3x3x3xf32>, %w: tensor<3x2x2x2xf32>) -> tensor<1x2x8x8xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 3, 3>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x3x3x3xf32>, tensor<3x2x2x2xf32>) -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_wide_padding{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_wide_padding result 0:
func.func @conv_backward_input_wide_padding(%g: tensor<1x2x10x10xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<1x1x6x6xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 3, 3>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x2x10x10xf32>, tensor<2x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return %0 : tensor<1x1x6x6xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_depthwise{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_depthwise result 0:
func.func @conv_backward_input_depthwise(%g: tensor<2x4x6x6xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<2x4x6x6xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 1, 1>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 4 : i64}
      : (tensor<2x4x6x6xf32>, tensor<4x1x3x3xf32>) -> tensor<2x4x6x6xf32>
  return %0 : tensor<2x4x6x6xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_input_1d{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_input_1d result 0:
func.func @conv_backward_input_1d(%g: tensor<2x4x4xf32>, %w: tensor<4x3x3xf32>) -> tensor<2x3x10xf32> {
  %0 = dlm.conv_backward_input %g, %w {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64}
      : (tensor<2x4x4xf32>, tensor<4x3x3xf32>) -> tensor<2x3x10xf32>
  return %0 : tensor<2x3x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_backward_filter_1d{{$}}
// CHECK-NEXT: {{^}}PASS conv_backward_filter_1d result 0:
func.func @conv_backward_filter_1d(%x: tensor<2x3x10xf32>, %g: tensor<2x4x4xf32>) -> tensor<4x3x3xf32> {
  %0 = dlm.conv_backward_filter %x, %g {stride = array<i64: 2>, padding = array<i64: 0>, dilation = array<i64: 1>, groups = 1 : i64}
      : (tensor<2x3x10xf32>, tensor<2x4x4xf32>) -> tensor<4x3x3xf32>
  return %0 : tensor<4x3x3xf32>
}

// Max and average pooling (padding counts in the average) and their adjoints, with
// overlapping windows, unused rows, gaps, rectangular windows and 1-d.

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_window3_stride2_pad1{{$}}
// CHECK-NEXT: {{^}}PASS pool_window3_stride2_pad1 result 0:
// CHECK-NEXT: {{^}}PASS pool_window3_stride2_pad1 result 1:
func.func @pool_window3_stride2_pad1(%x: tensor<2x3x8x8xf32>) -> (tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  %1 = dlm.avgpool %x {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  return %0, %1 : tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_window3_stride2_pad1{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_window3_stride2_pad1 result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_window3_stride2_pad1 result 1:
func.func @pool_backward_window3_stride2_pad1(%x: tensor<2x3x8x8xf32>, %g: tensor<2x3x4x4xf32>) -> (tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return %0, %1 : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_window2_stride2{{$}}
// CHECK-NEXT: {{^}}PASS pool_window2_stride2 result 0:
// CHECK-NEXT: {{^}}PASS pool_window2_stride2 result 1:
func.func @pool_window2_stride2(%x: tensor<2x3x8x8xf32>) -> (tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  %1 = dlm.avgpool %x {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  return %0, %1 : tensor<2x3x4x4xf32>, tensor<2x3x4x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_window2_stride2{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_window2_stride2 result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_window2_stride2 result 1:
func.func @pool_backward_window2_stride2(%x: tensor<2x3x8x8xf32>, %g: tensor<2x3x4x4xf32>) -> (tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return %0, %1 : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
}

// Pooling adjoints where windows hold equal maxima (the inputs are floor(3x), five values):
// the first maximum in row-major window order takes the gradient, the others none. LeNet's
// rows of 28 (vector tiles of 16 and a tail of 12 in the gather, of 14 when pooling), and
// overlapping windows.
// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_ties{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_ties result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_ties result 1:
func.func @pool_backward_ties(%x: tensor<2x3x28x28xf32>, %g: tensor<2x3x14x14xf32>, %h: tensor<2x3x14x14xf32>) -> (tensor<2x3x28x28xf32>, tensor<2x3x28x28xf32>) {
  %three = dlm.constant dense<3.0> : tensor<f32>
  %scaled = dlm.mul %x, %three : (tensor<2x3x28x28xf32>, tensor<f32>) -> tensor<2x3x28x28xf32>
  %steps = dlm.floor %scaled : (tensor<2x3x28x28xf32>) -> tensor<2x3x28x28xf32>
  %0 = dlm.pool_backward max %steps, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x28x28xf32>, tensor<2x3x14x14xf32>) -> tensor<2x3x28x28xf32>
  %1 = dlm.pool_backward max %steps, %h {window = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x28x28xf32>, tensor<2x3x14x14xf32>) -> tensor<2x3x28x28xf32>
  return %0, %1 : tensor<2x3x28x28xf32>, tensor<2x3x28x28xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_window2_stride3{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_window2_stride3 result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_window2_stride3 result 1:
func.func @pool_backward_window2_stride3(%x: tensor<2x3x8x8xf32>, %g: tensor<2x3x3x3xf32>) -> (tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 2, 2>, stride = array<i64: 3, 3>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 2, 2>, stride = array<i64: 3, 3>, padding = array<i64: 0, 0>} : (tensor<2x3x8x8xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x8x8xf32>
  return %0, %1 : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_odd_input{{$}}
// CHECK-NEXT: {{^}}PASS pool_odd_input result 0:
// CHECK-NEXT: {{^}}PASS pool_odd_input result 1:
func.func @pool_odd_input(%x: tensor<2x3x7x7xf32>) -> (tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x7x7xf32>) -> tensor<2x3x3x3xf32>
  %1 = dlm.avgpool %x {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x7x7xf32>) -> tensor<2x3x3x3xf32>
  return %0, %1 : tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_odd_input{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_odd_input result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_odd_input result 1:
func.func @pool_backward_odd_input(%x: tensor<2x3x7x7xf32>, %g: tensor<2x3x3x3xf32>) -> (tensor<2x3x7x7xf32>, tensor<2x3x7x7xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x7x7xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x7x7xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : (tensor<2x3x7x7xf32>, tensor<2x3x3x3xf32>) -> tensor<2x3x7x7xf32>
  return %0, %1 : tensor<2x3x7x7xf32>, tensor<2x3x7x7xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_window3_stride1_pad1{{$}}
// CHECK-NEXT: {{^}}PASS pool_window3_stride1_pad1 result 0:
// CHECK-NEXT: {{^}}PASS pool_window3_stride1_pad1 result 1:
func.func @pool_window3_stride1_pad1(%x: tensor<1x2x6x6xf32>) -> (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  %1 = dlm.avgpool %x {window = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return %0, %1 : tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_window3_stride1_pad1{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_window3_stride1_pad1 result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_window3_stride1_pad1 result 1:
func.func @pool_backward_window3_stride1_pad1(%x: tensor<1x2x6x6xf32>, %g: tensor<1x2x6x6xf32>) -> (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>} : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return %0, %1 : tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_stride3_gaps{{$}}
// CHECK-NEXT: {{^}}PASS pool_stride3_gaps result 0:
// CHECK-NEXT: {{^}}PASS pool_stride3_gaps result 1:
func.func @pool_stride3_gaps(%x: tensor<1x2x8x8xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 2, 2>, stride = array<i64: 3, 3>, padding = array<i64: 0, 0>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x3x3xf32>
  %1 = dlm.avgpool %x {window = array<i64: 2, 2>, stride = array<i64: 3, 3>, padding = array<i64: 0, 0>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x3x3xf32>
  return %0, %1 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_stride3_gaps{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_stride3_gaps result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_stride3_gaps result 1:
func.func @pool_backward_stride3_gaps(%x: tensor<1x2x8x8xf32>, %g: tensor<1x2x3x3xf32>) -> (tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 2, 2>, stride = array<i64: 3, 3>, padding = array<i64: 0, 0>} : (tensor<1x2x8x8xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 2, 2>, stride = array<i64: 3, 3>, padding = array<i64: 0, 0>} : (tensor<1x2x8x8xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %0, %1 : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_rectangular{{$}}
// CHECK-NEXT: {{^}}PASS pool_rectangular result 0:
// CHECK-NEXT: {{^}}PASS pool_rectangular result 1:
func.func @pool_rectangular(%x: tensor<2x2x6x9xf32>) -> (tensor<2x2x3x5xf32>, tensor<2x2x3x5xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 2, 3>, stride = array<i64: 2, 2>, padding = array<i64: 0, 1>} : (tensor<2x2x6x9xf32>) -> tensor<2x2x3x5xf32>
  %1 = dlm.avgpool %x {window = array<i64: 2, 3>, stride = array<i64: 2, 2>, padding = array<i64: 0, 1>} : (tensor<2x2x6x9xf32>) -> tensor<2x2x3x5xf32>
  return %0, %1 : tensor<2x2x3x5xf32>, tensor<2x2x3x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_rectangular{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_rectangular result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_rectangular result 1:
func.func @pool_backward_rectangular(%x: tensor<2x2x6x9xf32>, %g: tensor<2x2x3x5xf32>) -> (tensor<2x2x6x9xf32>, tensor<2x2x6x9xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 2, 3>, stride = array<i64: 2, 2>, padding = array<i64: 0, 1>} : (tensor<2x2x6x9xf32>, tensor<2x2x3x5xf32>) -> tensor<2x2x6x9xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 2, 3>, stride = array<i64: 2, 2>, padding = array<i64: 0, 1>} : (tensor<2x2x6x9xf32>, tensor<2x2x3x5xf32>) -> tensor<2x2x6x9xf32>
  return %0, %1 : tensor<2x2x6x9xf32>, tensor<2x2x6x9xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_1d{{$}}
// CHECK-NEXT: {{^}}PASS pool_1d result 0:
// CHECK-NEXT: {{^}}PASS pool_1d result 1:
func.func @pool_1d(%x: tensor<2x3x10xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x5xf32>) {
  %0 = dlm.maxpool %x {window = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>} : (tensor<2x3x10xf32>) -> tensor<2x3x5xf32>
  %1 = dlm.avgpool %x {window = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>} : (tensor<2x3x10xf32>) -> tensor<2x3x5xf32>
  return %0, %1 : tensor<2x3x5xf32>, tensor<2x3x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# pool_backward_1d{{$}}
// CHECK-NEXT: {{^}}PASS pool_backward_1d result 0:
// CHECK-NEXT: {{^}}PASS pool_backward_1d result 1:
func.func @pool_backward_1d(%x: tensor<2x3x10xf32>, %g: tensor<2x3x5xf32>) -> (tensor<2x3x10xf32>, tensor<2x3x10xf32>) {
  %0 = dlm.pool_backward max %x, %g {window = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>} : (tensor<2x3x10xf32>, tensor<2x3x5xf32>) -> tensor<2x3x10xf32>
  %1 = dlm.pool_backward mean %x, %g {window = array<i64: 3>, stride = array<i64: 2>, padding = array<i64: 1>} : (tensor<2x3x10xf32>, tensor<2x3x5xf32>) -> tensor<2x3x10xf32>
  return %0, %1 : tensor<2x3x10xf32>, tensor<2x3x10xf32>
}

// softmax and log_softmax along each axis.

// CHECK-NOT: FAIL
// CHECK: {{^}}# softmax_axis0{{$}}
// CHECK-NEXT: {{^}}PASS softmax_axis0 result 0:
// CHECK-NEXT: {{^}}PASS softmax_axis0 result 1:
func.func @softmax_axis0(%x: tensor<4x10xf32> {dlm.test_range = [-3.0, 3.0]}) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %0 = dlm.softmax %x {axis = 0 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  %1 = dlm.log_softmax %x {axis = 0 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# softmax_axis1{{$}}
// CHECK-NEXT: {{^}}PASS softmax_axis1 result 0:
// CHECK-NEXT: {{^}}PASS softmax_axis1 result 1:
func.func @softmax_axis1(%x: tensor<4x10xf32> {dlm.test_range = [-3.0, 3.0]}) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %0 = dlm.softmax %x {axis = 1 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  %1 = dlm.log_softmax %x {axis = 1 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# softmax_3d_middle_axis{{$}}
// CHECK-NEXT: {{^}}PASS softmax_3d_middle_axis result 0:
// CHECK-NEXT: {{^}}PASS softmax_3d_middle_axis result 1:
func.func @softmax_3d_middle_axis(%x: tensor<2x5x3xf32> {dlm.test_range = [-3.0, 3.0]}) -> (tensor<2x5x3xf32>, tensor<2x5x3xf32>) {
  %0 = dlm.softmax %x {axis = 1 : i64} : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %1 = dlm.log_softmax %x {axis = 2 : i64} : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  return %0, %1 : tensor<2x5x3xf32>, tensor<2x5x3xf32>
}

// Losses, one_hot and argmax (integer labels match the 10 classes; ties in argmax go to
// the first maximum).

// CHECK-NOT: FAIL
// CHECK: {{^}}# cross_entropy_labels{{$}}
// CHECK-NEXT: {{^}}PASS cross_entropy_labels result 0:
func.func @cross_entropy_labels(%l: tensor<8x10xf32> {dlm.test_range = [-3.0, 3.0]}, %labels: tensor<8xi32> {dlm.test_range = [0.0, 10.0]}) -> tensor<f32> {
  %0 = dlm.cross_entropy %l, %labels : (tensor<8x10xf32>, tensor<8xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# cross_entropy_probabilities{{$}}
// CHECK-NEXT: {{^}}PASS cross_entropy_probabilities result 0:
// CHECK-NEXT: {{^}}PASS cross_entropy_probabilities result 1:
func.func @cross_entropy_probabilities(%l: tensor<8x10xf32> {dlm.test_range = [-3.0, 3.0]}, %t: tensor<8x10xf32> {dlm.test_range = [0.0, 1.0]}) -> (tensor<f32>, tensor<f32>) {
  %0 = dlm.cross_entropy %l, %t : (tensor<8x10xf32>, tensor<8x10xf32>) -> tensor<f32>
  %p = dlm.softmax %t {axis = 1 : i64} : (tensor<8x10xf32>) -> tensor<8x10xf32>
  %1 = dlm.cross_entropy %l, %p : (tensor<8x10xf32>, tensor<8x10xf32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# bce_logits{{$}}
// CHECK-NEXT: {{^}}PASS bce_logits result 0:
// CHECK-NEXT: {{^}}PASS bce_logits result 1:
func.func @bce_logits(%l: tensor<4x10xf32> {dlm.test_range = [-4.0, 4.0]}, %t: tensor<10xf32> {dlm.test_range = [0.0, 1.0]}, %one: tensor<f32> {dlm.test_range = [1.0, 1.0]}) -> (tensor<f32>, tensor<f32>) {
  %0 = dlm.bce_logits %l, %t : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<f32>
  %1 = dlm.bce_logits %l, %one : (tensor<4x10xf32>, tensor<f32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# one_hot{{$}}
// CHECK-NEXT: {{^}}PASS one_hot result 0:
// CHECK-NEXT: {{^}}PASS one_hot result 1:
func.func @one_hot(%labels: tensor<8xi32>, %grid: tensor<2x3xi32> {dlm.test_range = [0.0, 4.0]}) -> (tensor<8x10xf32>, tensor<2x3x4xf32>) {
  %0 = dlm.one_hot %labels : (tensor<8xi32>) -> tensor<8x10xf32>
  %1 = dlm.one_hot %grid : (tensor<2x3xi32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<8x10xf32>, tensor<2x3x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# argmax{{$}}
// CHECK-NEXT: {{^}}PASS argmax result 0:
// CHECK-NEXT: {{^}}PASS argmax result 1:
// CHECK-NEXT: {{^}}PASS argmax result 2:
func.func @argmax(%x: tensor<4x10xf32>, %y: tensor<2x5x3xf32>) -> (tensor<4xi32>, tensor<10xi32>, tensor<2x3xi32>) {
  %0 = dlm.argmax %x {axis = 1 : i64} : (tensor<4x10xf32>) -> tensor<4xi32>
  %1 = dlm.argmax %x {axis = 0 : i64} : (tensor<4x10xf32>) -> tensor<10xi32>
  %2 = dlm.argmax %y {axis = 1 : i64} : (tensor<2x5x3xf32>) -> tensor<2x3xi32>
  return %0, %1, %2 : tensor<4xi32>, tensor<10xi32>, tensor<2x3xi32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# argmax_ties{{$}}
// CHECK-NEXT: {{^}}PASS argmax_ties result 0:
func.func @argmax_ties(%x: tensor<6x8xf32> {dlm.test_range = [0.0, 3.0]}) -> tensor<6xi32> {
  %f = dlm.floor %x : (tensor<6x8xf32>) -> tensor<6x8xf32>
  %0 = dlm.argmax %f {axis = 1 : i64} : (tensor<6x8xf32>) -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

// Random numbers: the compiled SplitMix64 stream equals the evaluator's, element by element.

// CHECK-NOT: FAIL
// CHECK: {{^}}# random{{$}}
// CHECK-NEXT: {{^}}PASS random result 0:
// CHECK-NEXT: {{^}}PASS random result 1:
// CHECK-NEXT: {{^}}PASS random result 2:
func.func @random(%key: tensor<i64> {dlm.random_key}) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = dlm.random normal %key {id = 1 : i64, a = 0.5 : f64, b = 2.0 : f64} : (tensor<i64>) -> tensor<4x8xf32>
  %1 = dlm.random uniform %key {id = 2 : i64, a = -1.0 : f64, b = 3.0 : f64} : (tensor<i64>) -> tensor<4x8xf32>
  %2 = dlm.random bernoulli %key {id = 3 : i64, a = 0.3 : f64, b = 0.0 : f64} : (tensor<i64>) -> tensor<4x8xf32>
  return %0, %1, %2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# dropout{{$}}
// CHECK-NEXT: {{^}}PASS dropout result 0:
// CHECK-NEXT: {{^}}PASS dropout result 1:
func.func @dropout(%x: tensor<4x8xf32>, %key: tensor<i64> {dlm.random_key}) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = dlm.dropout %x, %key {p = 0.5 : f64, id = 4 : i64} : (tensor<4x8xf32>, tensor<i64>) -> tensor<4x8xf32>
  %1 = dlm.dropout %x, %key {p = 0.1 : f64, id = 5 : i64} : (tensor<4x8xf32>, tensor<i64>) -> tensor<4x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// Edge cases: rank 0, empty reduction axes, out-of-range labels, bool shapes, 1x1 kernels.

// CHECK-NOT: FAIL
// CHECK: {{^}}# rank_zero{{$}}
// CHECK-NEXT: {{^}}PASS rank_zero result 0:
// CHECK-NEXT: {{^}}PASS rank_zero result 1:
func.func @rank_zero(%a: tensor<f32>, %b: tensor<f32>) -> (tensor<f32>, tensor<2x3xf32>) {
  %0 = dlm.mul %a, %b : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %1 = dlm.exp %0 : (tensor<f32>) -> tensor<f32>
  %2 = dlm.broadcast %1 : (tensor<f32>) -> tensor<2x3xf32>
  return %0, %2 : tensor<f32>, tensor<2x3xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# reduce_to_scalar_and_no_axes{{$}}
// CHECK-NEXT: {{^}}PASS reduce_to_scalar_and_no_axes result 0:
// CHECK-NEXT: {{^}}PASS reduce_to_scalar_and_no_axes result 1:
func.func @reduce_to_scalar_and_no_axes(%x: tensor<3x4xf32>) -> (tensor<f32>, tensor<3x4xf32>) {
  %0 = dlm.reduce max %x {axes = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<f32>
  %1 = dlm.reduce sum %x {axes = array<i64>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0, %1 : tensor<f32>, tensor<3x4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# vector_argmax_and_softmax{{$}}
// CHECK-NEXT: {{^}}PASS vector_argmax_and_softmax result 0:
// CHECK-NEXT: {{^}}PASS vector_argmax_and_softmax result 1:
func.func @vector_argmax_and_softmax(%x: tensor<7xf32>) -> (tensor<i32>, tensor<7xf32>) {
  %0 = dlm.argmax %x {axis = 0 : i64} : (tensor<7xf32>) -> tensor<i32>
  %1 = dlm.softmax %x {axis = 0 : i64} : (tensor<7xf32>) -> tensor<7xf32>
  return %0, %1 : tensor<i32>, tensor<7xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# one_hot_out_of_range{{$}}
// CHECK-NEXT: {{^}}PASS one_hot_out_of_range result 0:
func.func @one_hot_out_of_range(%labels: tensor<8xi32> {dlm.test_range = [-3.0, 13.0]}) -> tensor<8x10xf32> {
  %0 = dlm.one_hot %labels : (tensor<8xi32>) -> tensor<8x10xf32>
  return %0 : tensor<8x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# bool_shapes{{$}}
// CHECK-NEXT: {{^}}PASS bool_shapes result 0:
// CHECK-NEXT: {{^}}PASS bool_shapes result 1:
// CHECK-NEXT: {{^}}PASS bool_shapes result 2:
func.func @bool_shapes(%x: tensor<2x3xi1>, %y: tensor<2x2xi1>, %c: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<2x2xi1>, tensor<3x2xi1>, tensor<4xf32>) {
  %0 = dlm.concat %x, %y {axis = 1 : i64} : (tensor<2x3xi1>, tensor<2x2xi1>) -> tensor<2x5xi1>
  %1 = dlm.slice %0 {start = array<i64: 0, 1>, limit = array<i64: 2, 5>, stride = array<i64: 1, 2>} : (tensor<2x5xi1>) -> tensor<2x2xi1>
  %2 = dlm.transpose %x {permutation = array<i64: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  %3 = dlm.select %c, %a, %b : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1, %2, %3 : tensor<2x2xi1>, tensor<3x2xi1>, tensor<4xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_1x1_stride2{{$}}
// CHECK-NEXT: {{^}}PASS conv_1x1_stride2 result 0:
func.func @conv_1x1_stride2(%x: tensor<2x3x5x5xf32>, %w: tensor<4x3x1x1xf32>) -> tensor<2x4x3x3xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<2x3x5x5xf32>, tensor<4x3x1x1xf32>) -> tensor<2x4x3x3xf32>
  return %0 : tensor<2x4x3x3xf32>
}

// A fused elementwise/reduction chain, and nests big enough (>= 32768 iterations) to run
// on OpenMP threads in the optimized pipeline.

// CHECK-NOT: FAIL
// CHECK: {{^}}# layer_norm_chain{{$}}
// CHECK-NEXT: {{^}}PASS layer_norm_chain result 0:
func.func @layer_norm_chain(%x: tensor<8x32xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) -> tensor<8x32xf32> {
  %eps = dlm.constant dense<1.0e-5> : tensor<f32>
  %m = dlm.reduce mean %x {axes = array<i64: 1>, keepdims = true} : (tensor<8x32xf32>) -> tensor<8x1xf32>
  %d = dlm.sub %x, %m : (tensor<8x32xf32>, tensor<8x1xf32>) -> tensor<8x32xf32>
  %s = dlm.mul %d, %d : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %v = dlm.reduce mean %s {axes = array<i64: 1>, keepdims = true} : (tensor<8x32xf32>) -> tensor<8x1xf32>
  %ve = dlm.add %v, %eps : (tensor<8x1xf32>, tensor<f32>) -> tensor<8x1xf32>
  %r = dlm.rsqrt %ve : (tensor<8x1xf32>) -> tensor<8x1xf32>
  %n = dlm.mul %d, %r : (tensor<8x32xf32>, tensor<8x1xf32>) -> tensor<8x32xf32>
  %y = dlm.mul %n, %w : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %z = dlm.add %y, %b : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  return %z : tensor<8x32xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# parallel_elementwise_and_reduce{{$}}
// CHECK-NEXT: {{^}}PASS parallel_elementwise_and_reduce result 0:
// CHECK-NEXT: {{^}}PASS parallel_elementwise_and_reduce result 1:
func.func @parallel_elementwise_and_reduce(%x: tensor<256x256xf32>, %b: tensor<256xf32>) -> (tensor<256x256xf32>, tensor<256xf32>) {
  %0 = dlm.add %x, %b : (tensor<256x256xf32>, tensor<256xf32>) -> tensor<256x256xf32>
  %1 = dlm.tanh %0 : (tensor<256x256xf32>) -> tensor<256x256xf32>
  %2 = dlm.reduce sum %1 {axes = array<i64: 0>} : (tensor<256x256xf32>) -> tensor<256xf32>
  return %1, %2 : tensor<256x256xf32>, tensor<256xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# conv_parallel{{$}}
// CHECK-NEXT: {{^}}PASS conv_parallel result 0:
func.func @conv_parallel(%x: tensor<4x3x34x34xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<4x8x32x32xf32> {
  %0 = dlm.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<4x3x34x34xf32>, tensor<8x3x3x3xf32>) -> tensor<4x8x32x32xf32>
  return %0 : tensor<4x8x32x32xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# matmul_parallel{{$}}
// CHECK-NEXT: {{^}}PASS matmul_parallel result 0:
func.func @matmul_parallel(%a: tensor<128x64xf32>, %b: tensor<64x256xf32>) -> tensor<128x256xf32> {
  %0 = dlm.matmul %a, %b : (tensor<128x64xf32>, tensor<64x256xf32>) -> tensor<128x256xf32>
  return %0 : tensor<128x256xf32>
}


// Negative axes (counted from the back) in softmax, log_softmax, argmax and concatenation;
// the remainder (truncated, with the dividend's sign, for floats and integers); truncating
// integer division, exposed by multiplying back; integer max, min and negation.

// CHECK-NOT: FAIL
// CHECK: {{^}}# softmax_last_axis{{$}}
// CHECK-NEXT: {{^}}PASS softmax_last_axis result 0:
// CHECK-NEXT: {{^}}PASS softmax_last_axis result 1:
func.func @softmax_last_axis(%x: tensor<4x10xf32>) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %0 = dlm.softmax %x {axis = -1 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  %1 = dlm.log_softmax %x {axis = -1 : i64} : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x10xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# argmax_last_axis{{$}}
// CHECK-NEXT: {{^}}PASS argmax_last_axis result 0:
func.func @argmax_last_axis(%x: tensor<4x10xf32>) -> tensor<4xi32> {
  %0 = dlm.argmax %x {axis = -1 : i64} : (tensor<4x10xf32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# concat_last_axis{{$}}
// CHECK-NEXT: {{^}}PASS concat_last_axis result 0:
func.func @concat_last_axis(%a: tensor<4x3xf32>, %b: tensor<4x2xf32>) -> tensor<4x5xf32> {
  %0 = dlm.concat %a, %b {axis = -1 : i64} : (tensor<4x3xf32>, tensor<4x2xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# float_remainder{{$}}
// CHECK-NEXT: {{^}}PASS float_remainder result 0:
func.func @float_remainder(%a: tensor<4x8xf32>, %b: tensor<4x8xf32> {dlm.test_range = [0.3, 1.0]}) -> tensor<4x8xf32> {
  %0 = dlm.rem %a, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# integer_remainder{{$}}
// CHECK-NEXT: {{^}}PASS integer_remainder result 0:
func.func @integer_remainder(%a: tensor<16xi32> {dlm.test_range = [-20.0, 20.0]}, %b: tensor<16xi32> {dlm.test_range = [1.0, 7.0]}) -> tensor<16xi32> {
  %0 = dlm.rem %a, %b : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
  return %0 : tensor<16xi32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# integer_division{{$}}
// CHECK-NEXT: {{^}}PASS integer_division result 0:
func.func @integer_division(%a: tensor<16xi32> {dlm.test_range = [-20.0, 20.0]}, %b: tensor<16xi32> {dlm.test_range = [1.0, 7.0]}) -> tensor<16xi32> {
  %0 = dlm.div %a, %b : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
  %1 = dlm.mul %0, %b : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
  return %1 : tensor<16xi32>
}

// CHECK-NOT: FAIL
// CHECK: {{^}}# integer_max_min_neg{{$}}
// CHECK-NEXT: {{^}}PASS integer_max_min_neg result 0:
// CHECK-NEXT: {{^}}PASS integer_max_min_neg result 1:
// CHECK-NEXT: {{^}}PASS integer_max_min_neg result 2:
func.func @integer_max_min_neg(%a: tensor<8xi32>, %b: tensor<8xi32>) -> (tensor<8xi32>, tensor<8xi32>, tensor<8xi32>) {
  %0 = dlm.max %a, %b : (tensor<8xi32>, tensor<8xi32>) -> tensor<8xi32>
  %1 = dlm.min %a, %b : (tensor<8xi32>, tensor<8xi32>) -> tensor<8xi32>
  %2 = dlm.neg %a : (tensor<8xi32>) -> tensor<8xi32>
  return %0, %1, %2 : tensor<8xi32>, tensor<8xi32>, tensor<8xi32>
}

// CHECK-NOT: FAIL
