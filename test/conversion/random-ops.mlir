// RUN: dlm-opt %s -split-input-file -dlm-convert-to-linalg | FileCheck %s
// Tests the lowering of dlm.random and dlm.dropout: every element hashes (key, op id,
// element index) with SplitMix64, like the reference evaluator, so no state is carried.

// Tests a uniform draw in [-1, 1): a parallel generic reading the key through
// a zero-result map; the element's row-major index (i * 8 + j) times 2 is the
// counter; the SplitMix64 constants appear as signed i64 (0x9E3779B97F4A7C15 =
// -7046029254386353131, 0xBF58476D1CE4E5B9 = -4658895280553007687,
// 0x94D049BB133111EB = -7723592293110705685); the op id is folded into one
// constant ((3 + 0x632BE59BD9B4E019) * 0xBF58476D1CE4E5B9); the top 53 bits
// make a double in [0, 1), scaled to [a, b) and truncated to f32.
// CHECK-DAG: #[[KEY:map[0-9]*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @uniform
// CHECK-DAG: %[[GOLDEN:.*]] = arith.constant -7046029254386353131 : i64
// CHECK-DAG: %[[MIX1:.*]] = arith.constant -4658895280553007687 : i64
// CHECK-DAG: %[[MIX2:.*]] = arith.constant -7723592293110705685 : i64
// CHECK-DAG: %[[OP_ID:.*]] = arith.constant 4865634608946806844 : i64
// CHECK-DAG: %[[ULP:.*]] = arith.constant 1.1102230246251565E-16 : f64
// CHECK-DAG: %[[WIDTH:.*]] = arith.constant 2.000000e+00 : f64
// CHECK-DAG: %[[LOW:.*]] = arith.constant -1.000000e+00 : f64
// CHECK: linalg.generic {indexing_maps = [#[[KEY]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<i64>) outs(%{{.*}} : tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%[[K:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[KEY_TERM:.*]] = arith.muli %[[K]], %[[GOLDEN]] : i64
// CHECK: arith.xori %[[KEY_TERM]], %[[OP_ID]] : i64
// CHECK: arith.addi %{{.*}}, %[[GOLDEN]] : i64
// CHECK: arith.muli %{{.*}}, %[[MIX1]] : i64
// CHECK: arith.muli %{{.*}}, %[[MIX2]] : i64
// CHECK: %[[BITS:.*]] = arith.uitofp %{{.*}} : i64 to f64
// CHECK: %[[U:.*]] = arith.mulf %[[BITS]], %[[ULP]] : f64
// CHECK: %[[SCALED:.*]] = arith.mulf %[[U]], %[[WIDTH]] : f64
// CHECK: %[[DRAW:.*]] = arith.addf %[[SCALED]], %[[LOW]] : f64
// CHECK: %[[F32:.*]] = arith.truncf %[[DRAW]] : f64 to f32
// CHECK: linalg.yield %[[F32]] : f32
func.func @uniform(%key: tensor<i64>) -> tensor<4x8xf32> {
  %0 = dlm.random uniform %key {id = 3 : i64, a = -1.0 : f64, b = 1.0 : f64} : (tensor<i64>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Tests a normal draw: Box-Muller on the uniforms at counters 2i and 2i + 1,
// sqrt(-2 log1p(-u)) * cos(2 pi v), times the standard deviation plus the mean.
// CHECK-LABEL: func.func @normal
// CHECK-DAG: %[[TWO_PI:.*]] = arith.constant 6.2831853071795862 : f64
// CHECK-DAG: %[[MINUS_TWO:.*]] = arith.constant -2.000000e+00 : f64
// CHECK-DAG: %[[STD:.*]] = arith.constant 5.000000e-01 : f64
// CHECK-DAG: %[[MEAN:.*]] = arith.constant 1.000000e+00 : f64
// CHECK: linalg.generic
// CHECK: %[[NEG:.*]] = arith.negf %[[U:.*]] : f64
// CHECK: %[[LOG:.*]] = math.log1p %[[NEG]] : f64
// CHECK: %[[R2:.*]] = arith.mulf %[[LOG]], %[[MINUS_TWO]] : f64
// CHECK: %[[R:.*]] = math.sqrt %[[R2]] : f64
// CHECK: %[[ANGLE:.*]] = arith.mulf %{{.*}}, %[[TWO_PI]] : f64
// CHECK: %[[COS:.*]] = math.cos %[[ANGLE]] : f64
// CHECK: %[[Z:.*]] = arith.mulf %[[R]], %[[COS]] : f64
// CHECK: %[[S:.*]] = arith.mulf %[[Z]], %[[STD]] : f64
// CHECK: arith.addf %[[S]], %[[MEAN]] : f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @normal(%key: tensor<i64>) -> tensor<16xf32> {
  %0 = dlm.random normal %key {id = 1 : i64, a = 1.0 : f64, b = 0.5 : f64} : (tensor<i64>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

// Tests a Bernoulli draw: 1.0 where u < p.
// CHECK-LABEL: func.func @bernoulli
// CHECK-DAG: %[[P:.*]] = arith.constant 3.000000e-01 : f64
// CHECK: %[[HIT:.*]] = arith.cmpf olt, %{{.*}}, %[[P]] : f64
// CHECK: %[[ONE_OR_ZERO:.*]] = arith.uitofp %[[HIT]] : i1 to f64
// CHECK: arith.truncf %[[ONE_OR_ZERO]] : f64 to f32
func.func @bernoulli(%key: tensor<i64>) -> tensor<16xf32> {
  %0 = dlm.random bernoulli %key {id = 2 : i64, a = 0.3 : f64, b = 0.0 : f64} : (tensor<i64>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

// Tests inverted dropout with p = 0.25: the input is a second elementwise
// operand; an element is zero where u < p, else x / (1 - p) = x * 1.33333337.
// CHECK-DAG: #[[KEY:map[0-9]*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[ID:map[0-9]*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @dropout
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[SCALE:.*]] = arith.constant 1.33333337 : f32
// CHECK-DAG: %[[P:.*]] = arith.constant 2.500000e-01 : f64
// CHECK: linalg.generic {indexing_maps = [#[[KEY]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg1, %arg0 : tensor<i64>, tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: i64, %[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[DROPPED:.*]] = arith.cmpf olt, %{{.*}}, %[[P]] : f64
// CHECK: %[[KEPT:.*]] = arith.mulf %[[X]], %[[SCALE]] : f32
// CHECK: %[[Y:.*]] = arith.select %[[DROPPED]], %[[ZERO]], %[[KEPT]] : f32
// CHECK: linalg.yield %[[Y]] : f32
func.func @dropout(%x: tensor<4x8xf32>, %key: tensor<i64>) -> tensor<4x8xf32> {
  %0 = dlm.dropout %x, %key {p = 0.25 : f64, id = 4 : i64} : (tensor<4x8xf32>, tensor<i64>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
