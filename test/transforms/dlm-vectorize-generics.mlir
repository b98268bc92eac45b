// RUN: dlm-opt %s -split-input-file -dlm-vectorize-generics -canonicalize -cse | FileCheck %s
// Tests the register-tiled vector kernels dlm-vectorize-generics builds for
// reductions on buffers: which loop is vectorized, which loops are blocked into
// accumulators, and how extents the tiles do not divide are finished.

// Tests a matmul: the output is contiguous along n, so n is vectorized (64
// lanes, 4 registers), m is blocked into 4 rows that share each load of %b,
// and the accumulators stay in registers across the whole k loop.
// CHECK-LABEL: func.func @matmul
// CHECK: scf.parallel (%[[M:.*]], %[[N:.*]]) = (%c0, %c0) to (%c64, %c256) step (%c4, %c64) {
// CHECK-COUNT-4: vector.load %{{.*}} : memref<64x256xf32>, vector<64xf32>
// CHECK: scf.for %[[K:.*]] = %c0 to %c784 step %c1 iter_args({{.*}}) -> (vector<64xf32>, vector<64xf32>, vector<64xf32>, vector<64xf32>) {
// CHECK-NEXT: %[[A:.*]] = memref.load %{{.*}}[%[[M]], %[[K]]]
// CHECK-NEXT: %[[B:.*]] = vector.load %{{.*}}[%[[K]], %[[N]]] : memref<784x256xf32>, vector<64xf32>
// CHECK-NEXT: %[[S:.*]] = vector.broadcast %[[A]] : f32 to vector<64xf32>
// CHECK-NEXT: arith.mulf %[[S]], %[[B]] : vector<64xf32>
// CHECK-NOT: vector.load %{{.*}} : memref<784x256xf32>
// CHECK: scf.yield
// CHECK-COUNT-4: vector.store %{{.*}} : memref<64x256xf32>, vector<64xf32>
// CHECK-NOT: linalg.generic
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @matmul(%a: memref<64x784xf32>, %b: memref<784x256xf32>, %c: memref<64x256xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x784xf32>, memref<784x256xf32>) outs(%c : memref<64x256xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests a linear layer with the weight in PyTorch's [out, in] layout: the output
// is contiguous along o but the weight is not, so the reduction loop i (contiguous
// in both inputs) is vectorized as partial sums: 32-lane tiles, then a 4-lane tail
// widened with zeros, then one reduction across lanes into the output. The block
// is 2 rows of n by 4 of o (12 loads for 16 multiply-adds), and o's extent 10
// leaves a tail block of 2.
// CHECK-LABEL: func.func @linear
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c64, %c8) step (%c2, %c4) {
// CHECK: scf.for %{{.*}} = %c0 to %c96 step %c32 iter_args({{.*}}) -> (vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>)
// CHECK-COUNT-6: vector.load
// CHECK-NOT: vector.load
// CHECK: scf.yield
// CHECK: vector.load %{{.*}}[%{{.*}}, %c96] : memref<64x100xf32>, vector<4xf32>
// CHECK: vector.insert_strided_slice %{{.*}}, %{{.*}} {offsets = [0], strides = [1]} : vector<4xf32> into vector<32xf32>
// CHECK: vector.reduction <add>, %{{.*}}, %{{.*}} : vector<32xf32> into f32
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c64) step (%c2) {
// CHECK-COUNT-2: vector.load %{{.*}} : memref<10x100xf32>, vector<32xf32>
// CHECK-NOT: vector.load %{{.*}} : memref<10x100xf32>, vector<32xf32>
// CHECK: return
#x = affine_map<(n, o, i) -> (n, i)>
#w = affine_map<(n, o, i) -> (o, i)>
#y = affine_map<(n, o, i) -> (n, o)>
func.func @linear(%x: memref<64x100xf32>, %w: memref<10x100xf32>, %y: memref<64x10xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<64x100xf32>, memref<10x100xf32>) outs(%y : memref<64x10xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests a convolution row of 28 outputs: one vector of 32 lanes (two whole
// registers) with the last 4 masked off, in the loads of the input and of the
// output and in the store; channels are blocked into 4 rows that share each
// input load, and the two images into 2 rows that share each filter load.
// CHECK-LABEL: func.func @convolution
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c16, %c28) step (%c4, %c1) {
// CHECK: %[[MASK:.*]] = vector.constant_mask [28] : vector<32xi1>
// CHECK: vector.maskedload %{{.*}}, %[[MASK]], %{{.*}} : memref<2x16x28x28xf32>, vector<32xi1>, vector<32xf32> into vector<32xf32>
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK-COUNT-2: vector.maskedload %{{.*}} : memref<2x4x30x30xf32>, vector<32xi1>, vector<32xf32> into vector<32xf32>
// CHECK-NOT: vector.maskedload %{{.*}} : memref<2x4x30x30xf32>
// CHECK: scf.yield
// CHECK-COUNT-8: vector.maskedstore %{{.*}}, %[[MASK]], %{{.*}} : memref<2x16x28x28xf32>, vector<32xi1>, vector<32xf32>
#input = affine_map<(n, o, h, c, kh, kw, w) -> (n, c, h + kh, w + kw)>
#filter = affine_map<(n, o, h, c, kh, kw, w) -> (o, c, kh, kw)>
#output = affine_map<(n, o, h, c, kh, kw, w) -> (n, o, h, w)>
func.func @convolution(%in: memref<2x4x30x30xf32>, %f: memref<16x4x3x3xf32>, %out: memref<2x16x28x28xf32>) {
  linalg.generic {indexing_maps = [#input, #filter, #output],
                  iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%in, %f : memref<2x4x30x30xf32>, memref<16x4x3x3xf32>) outs(%out : memref<2x16x28x28xf32>) {
  ^bb0(%x: f32, %k: f32, %acc: f32):
    %p = arith.mulf %x, %k : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests that a row maximum over an exponential keeps the body on vectors and
// starts its partial results at -infinity.
// CHECK-LABEL: func.func @row_max
// CHECK: %[[NEG_INF:.*]] = arith.constant dense<0xFF800000> : vector<32xf32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[NEG_INF]],
// CHECK: math.exp %{{.*}} : vector<32xf32>
// CHECK: arith.maxnumf %{{.*}} : vector<32xf32>
// CHECK: vector.reduction <maxnumf>
#row = affine_map<(i, j) -> (i, j)>
#out = affine_map<(i, j) -> (i)>
func.func @row_max(%x: memref<6x100xf32>, %m: memref<6xf32>) {
  linalg.generic {indexing_maps = [#row, #out], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<6x100xf32>) outs(%m : memref<6xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %e = math.exp %v : f32
    %r = arith.maxnumf %acc, %e : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Tests that generics outside the kernel's form stay: an argmax (the accumulator
// feeds a comparison, and the body reads its index).
// CHECK-LABEL: func.func @left_alone
// CHECK: linalg.generic
#in2 = affine_map<(i, j) -> (i, j)>
#out1 = affine_map<(i, j) -> (i)>
func.func @left_alone(%x: memref<4x10xf32>, %best: memref<4xf32>, %at: memref<4xi32>) {
  linalg.generic {indexing_maps = [#in2, #out1, #out1], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x10xf32>) outs(%best, %at : memref<4xf32>, memref<4xi32>) {
  ^bb0(%v: f32, %b: f32, %a: i32):
    %gt = arith.cmpf ogt, %v, %b : f32
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %nb = arith.select %gt, %v, %b : f32
    %na = arith.select %gt, %ji, %a : i32
    linalg.yield %nb, %na : f32, i32
  }
  return
}

// -----

// Tests an elementwise generic with two outputs: one masked vector per row along
// the contiguous loop (10 of 16 lanes), the per-row input loaded once and
// broadcast, the body evaluated on vectors.
// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[X:.*]]: memref<4x10xf32>, %[[S:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4x10xf32>, %[[Z:.*]]: memref<4x10xf32>)
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[MASK:.*]] = vector.constant_mask [10] : vector<16xi1>
// CHECK: %[[V:.*]] = vector.maskedload %[[X]][%[[I]], %{{.*}}], %[[MASK]]
// CHECK: %[[SCALE:.*]] = memref.load %[[S]][%[[I]]]
// CHECK: %[[B:.*]] = vector.broadcast %[[SCALE]] : f32 to vector<16xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[V]], %[[B]] : vector<16xf32>
// CHECK: %[[E:.*]] = math.exp %[[P]] : vector<16xf32>
// CHECK: vector.maskedstore %[[Y]][%[[I]], %{{.*}}], %[[MASK]], %[[P]]
// CHECK: vector.maskedstore %[[Z]][%[[I]], %{{.*}}], %[[MASK]], %[[E]]
// CHECK-NOT: linalg.generic
#row2 = affine_map<(i, j) -> (i, j)>
#per_row = affine_map<(i, j) -> (i)>
func.func @elementwise(%x: memref<4x10xf32>, %s: memref<4xf32>, %y: memref<4x10xf32>, %z: memref<4x10xf32>) {
  linalg.generic {indexing_maps = [#row2, #per_row, #row2, #row2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : memref<4x10xf32>, memref<4xf32>) outs(%y, %z : memref<4x10xf32>, memref<4x10xf32>) {
  ^bb0(%v: f32, %scale: f32, %o: f32, %p: f32):
    %m = arith.mulf %v, %scale : f32
    %e = math.exp %m : f32
    linalg.yield %m, %e : f32, f32
  }
  return
}

// -----

// Tests that an elementwise generic on i1 (stored as bytes, loaded as bits) stays.
// CHECK-LABEL: func.func @booleans_stay
// CHECK: linalg.generic
#bits = affine_map<(i, j) -> (i, j)>
func.func @booleans_stay(%x: memref<4x10xi1>, %y: memref<4x10xi1>) {
  linalg.generic {indexing_maps = [#bits, #bits], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<4x10xi1>) outs(%y : memref<4x10xi1>) {
  ^bb0(%v: i1, %o: i1):
    %true = arith.constant true
    %n = arith.xori %v, %true : i1
    linalg.yield %n : i1
  }
  return
}

// -----

// Tests a filter gradient (LeNet's first convolution: 6 filters of 5x5 over 64 images of 28x28):
// the output rows are 5 wide (a third of a register), the images' rows 28, so the reduction
// loop w is vectorized as partial sums. The output is small and the images are the outermost
// dimension of both inputs, so the sum over them is split into 4 chunks of 16 images run in
// parallel, each into its slice of a stack buffer; each chunk runs its images outside the tiles
// (the inputs are large), and a final generic folds the 4 slices into the output.
// CHECK-LABEL: func.func @filter_gradient
// CHECK-SAME: (%[[X:.*]]: memref<64x1x32x32xf32>, %[[DY:.*]]: memref<64x6x28x28xf32>, %[[DW:.*]]: memref<6x1x5x5xf32>)
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[DW]] :
// CHECK: %[[PARTIALS:.*]] = memref.alloca() : memref<4x6x1x5x5xf32>
// CHECK: scf.parallel (%[[CHUNK:.*]]) = (%c0) to (%c4) step (%c1) {
// CHECK: %[[BEGIN:.*]] = affine.apply #{{.*}}(%[[CHUNK]])
// CHECK: %[[END:.*]] = affine.apply #{{.*}}(%[[CHUNK]])
// CHECK: %[[SLICE:.*]] = memref.subview %[[PARTIALS]][%[[CHUNK]], 0, 0, 0, 0] [1, 6, 1, 5, 5]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[SLICE]] :
// CHECK: scf.for %[[N:.*]] = %[[BEGIN]] to %[[END]] step %c1 {
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} -> (vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>)
// CHECK: vector.maskedload %[[X]][%[[N]], {{.*}} vector<32xi1>, vector<32xf32> into vector<32xf32>
// CHECK: vector.maskedload %[[DY]][%[[N]], {{.*}} vector<32xi1>, vector<32xf32> into vector<32xf32>
// CHECK: vector.reduction <add>, %{{.*}}, %{{.*}} : vector<32xf32> into f32
// CHECK: memref.store %{{.*}}, %[[SLICE]]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PARTIALS]] : memref<4x6x1x5x5xf32>) outs(%[[DW]] : memref<6x1x5x5xf32>)
// CHECK: arith.addf
#image = affine_map<(k, c, r, n, h, w, s) -> (n, c, h + r, w + s)>
#gradient = affine_map<(k, c, r, n, h, w, s) -> (n, k, h, w)>
#filter = affine_map<(k, c, r, n, h, w, s) -> (k, c, r, s)>
func.func @filter_gradient(%x: memref<64x1x32x32xf32>, %dy: memref<64x6x28x28xf32>, %dw: memref<6x1x5x5xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%dw : memref<6x1x5x5xf32>)
  linalg.generic {indexing_maps = [#image, #gradient, #filter],
                  iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%x, %dy : memref<64x1x32x32xf32>, memref<64x6x28x28xf32>) outs(%dw : memref<6x1x5x5xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests a bias gradient (LeNet's first convolution: the sum of 64 images of 6x28x28 per channel):
// only 75,000 adds per chunk, but 300 KB of images per chunk, so the sum is split too and each
// thread reads the images it wrote instead of pulling the other core's half.
// CHECK-LABEL: func.func @bias_gradient
// CHECK: %[[PARTIALS:.*]] = memref.alloca() : memref<4x6xf32>
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c4) step (%c1) {
// CHECK: linalg.generic {{.*}} ins(%[[PARTIALS]] : memref<4x6xf32>) outs(%{{.*}} : memref<6xf32>)
#bias_image = affine_map<(n, c, h, w) -> (n, c, h, w)>
#bias_channel = affine_map<(n, c, h, w) -> (c)>
func.func @bias_gradient(%dy: memref<64x6x28x28xf32>, %db: memref<6xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%db : memref<6xf32>)
  linalg.generic {indexing_maps = [#bias_image, #bias_channel],
                  iterator_types = ["reduction", "parallel", "reduction", "reduction"]}
      ins(%dy : memref<64x6x28x28xf32>) outs(%db : memref<6xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests a batch norm's weight gradient: the per-channel mean (under 4 KiB) is read whole by every
// chunk, so the images need only come first in the large inputs for the sum to be split.
// CHECK-LABEL: func.func @normalization_gradient
// CHECK: %[[PARTIALS:.*]] = memref.alloca() : memref<4x32xf32>
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c4) step (%c1) {
// CHECK: linalg.generic {{.*}} ins(%[[PARTIALS]] : memref<4x32xf32>) outs(%{{.*}} : memref<32xf32>)
#normalization_image = affine_map<(n, h, w, c) -> (n, c, h, w)>
#normalization_channel = affine_map<(n, h, w, c) -> (c)>
func.func @normalization_gradient(%x: memref<64x32x28x28xf32>, %mean: memref<32xf32>, %dy: memref<64x32x28x28xf32>,
                                  %dweight: memref<32xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%dweight : memref<32xf32>)
  linalg.generic {indexing_maps = [#normalization_image, #normalization_channel, #normalization_image, #normalization_channel],
                  iterator_types = ["reduction", "reduction", "reduction", "parallel"]}
      ins(%x, %mean, %dy : memref<64x32x28x28xf32>, memref<32xf32>, memref<64x32x28x28xf32>) outs(%dweight : memref<32xf32>) {
  ^bb0(%a: f32, %m: f32, %g: f32, %acc: f32):
    %centered = arith.subf %a, %m : f32
    %p = arith.mulf %centered, %g : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests that the same filter gradient over 4 images is not split (under a quarter of a million
// multiply-adds and 64 KiB of inputs per chunk, splitting costs more than it saves): the fill becomes the kernel's
// starting value, and the images are an ordinary reduction loop of the tiles.
// CHECK-LABEL: func.func @small_filter_gradient
// CHECK-NOT: memref.alloca
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: vector.reduction <add>
// CHECK-NOT: linalg.generic
#small_image = affine_map<(k, c, r, n, h, w, s) -> (n, c, h + r, w + s)>
#small_gradient = affine_map<(k, c, r, n, h, w, s) -> (n, k, h, w)>
#small_filter = affine_map<(k, c, r, n, h, w, s) -> (k, c, r, s)>
func.func @small_filter_gradient(%x: memref<4x1x32x32xf32>, %dy: memref<4x6x28x28xf32>, %dw: memref<6x1x5x5xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%dw : memref<6x1x5x5xf32>)
  linalg.generic {indexing_maps = [#small_image, #small_gradient, #small_filter],
                  iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%x, %dy : memref<4x1x32x32xf32>, memref<4x6x28x28xf32>) outs(%dw : memref<6x1x5x5xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests the epilogue: the bias and ReLU generics after a matmul run on its
// accumulators before they are stored, with the bias loaded along the vector
// loop. The matmul's own result (%t) is read by nothing after them, so it is
// never stored; the biased and activated values are.
// CHECK-LABEL: func.func @matmul_bias_relu
// CHECK: scf.parallel
// CHECK: scf.for
// CHECK: scf.yield
// CHECK: %[[BIAS:.*]] = vector.load %{{.*}} : memref<256xf32>, vector<64xf32>
// CHECK: %[[SUM:.*]] = arith.addf %{{.*}}, %[[BIAS]] : vector<64xf32>
// CHECK: %[[RELU:.*]] = arith.maximumf %[[SUM]], %{{.*}} : vector<64xf32>
// CHECK-DAG: vector.store %[[SUM]], %[[H:.*]][%{{.*}}, %{{.*}}] : memref<64x256xf32>, vector<64xf32>
// CHECK-DAG: vector.store %[[RELU]], %[[R:.*]][%{{.*}}, %{{.*}}] : memref<64x256xf32>, vector<64xf32>
// CHECK-NOT: linalg.generic
// CHECK-NOT: vector.store {{.*}} : memref<64x256xf32, 1>
// CHECK: return
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(m, n) -> (m, n)>
#row = affine_map<(m, n) -> (n)>
func.func @matmul_bias_relu(%a: memref<64x784xf32>, %b: memref<784x256xf32>, %bias: memref<256xf32>,
                            %h: memref<64x256xf32>, %r: memref<64x256xf32>) {
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc() : memref<64x256xf32, 1>
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x784xf32>, memref<784x256xf32>) outs(%t : memref<64x256xf32, 1>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t, %bias : memref<64x256xf32, 1>, memref<256xf32>) outs(%h : memref<64x256xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h : memref<64x256xf32>) outs(%r : memref<64x256xf32>) {
  ^bb0(%x: f32, %out: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  }
  memref.dealloc %t : memref<64x256xf32, 1>
  return
}

// -----

// Tests an optimizer update fused into a weight gradient: momentum
// (v' = 0.9 v + g) and the step (w' = w - lr v') run on the gradient's
// accumulators. The step writes w' over the gradient's own buffer, so each
// element of %g is stored once, with w', and v' goes to %v2.
// CHECK-LABEL: func.func @gradient_momentum
// CHECK: scf.parallel
// CHECK: scf.for
// CHECK: scf.yield
// CHECK: %[[V:.*]] = vector.load %{{.*}} : memref<256x784xf32>, vector<16xf32>
// CHECK: %[[VNEW:.*]] = arith.addf %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK: %[[W:.*]] = vector.load %{{.*}} : memref<256x784xf32>, vector<16xf32>
// CHECK: %[[WNEW:.*]] = arith.subf %[[W]], %{{.*}} : vector<16xf32>
// CHECK: vector.store %[[WNEW]], %{{.*}}[%{{.*}}, %{{.*}}] : memref<256x784xf32>, vector<16xf32>
// CHECK-NEXT: vector.store %[[VNEW]], %{{.*}}[%{{.*}}, %{{.*}}] : memref<256x784xf32>, vector<16xf32>
// CHECK-NOT: vector.store
// CHECK: vector.load
// CHECK-NOT: linalg.generic
#x = affine_map<(o, n, i) -> (n, i)>
#dy = affine_map<(o, n, i) -> (n, o)>
#g = affine_map<(o, n, i) -> (o, i)>
#id = affine_map<(o, i) -> (o, i)>
#scalar = affine_map<(o, i) -> ()>
func.func @gradient_momentum(%xs: memref<64x784xf32>, %dys: memref<64x256xf32>, %w: memref<256x784xf32>,
                             %v: memref<256x784xf32>, %lr: memref<f32>, %g: memref<256x784xf32>,
                             %v2: memref<256x784xf32>) {
  %momentum = arith.constant 0.9 : f32
  linalg.generic {indexing_maps = [#x, #dy, #g], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%xs, %dys : memref<64x784xf32>, memref<64x256xf32>) outs(%g : memref<256x784xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %b, %a : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%v, %g : memref<256x784xf32>, memref<256x784xf32>) outs(%v2 : memref<256x784xf32>) {
  ^bb0(%old: f32, %grad: f32, %out: f32):
    %m = arith.mulf %old, %momentum : f32
    %s = arith.addf %m, %grad : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #scalar, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%w, %lr, %v2 : memref<256x784xf32>, memref<f32>, memref<256x784xf32>) outs(%g : memref<256x784xf32>) {
  ^bb0(%weight: f32, %rate: f32, %velocity: f32, %out: f32):
    %step = arith.mulf %rate, %velocity : f32
    %new = arith.subf %weight, %step : f32
    linalg.yield %new : f32
  }
  return
}

// -----

// Tests that a partial-sum kernel (the weight in [out, in] layout) runs the
// bias on the scalars it reduces across lanes.
// CHECK-LABEL: func.func @linear_bias
// CHECK: %[[SUM:.*]] = vector.reduction <add>
// CHECK-NEXT: %[[BIAS:.*]] = memref.load %{{.*}} : memref<10xf32>
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[SUM]], %[[BIAS]] : f32
// CHECK-NEXT: memref.store %[[Y]], %{{.*}} : memref<64x10xf32>
// CHECK-NOT: linalg.generic
#x = affine_map<(n, o, i) -> (n, i)>
#w = affine_map<(n, o, i) -> (o, i)>
#y = affine_map<(n, o, i) -> (n, o)>
#id = affine_map<(n, o) -> (n, o)>
#column = affine_map<(n, o) -> (o)>
func.func @linear_bias(%x: memref<64x100xf32>, %w: memref<10x100xf32>, %bias: memref<10xf32>,
                       %y: memref<64x10xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<64x100xf32>, memref<10x100xf32>) outs(%y : memref<64x10xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #column, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %bias : memref<64x10xf32>, memref<10xf32>) outs(%y : memref<64x10xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Tests that a consumer writing over memory the reduction still reads in other
// tiles (%out shares the workspace bytes of %a) is not fused: it stays a
// kernel of its own after the reduction's.
// CHECK-LABEL: func.func @overlapping_consumer
// CHECK: scf.parallel
// CHECK: vector.reduction
// CHECK: memref.store
// CHECK: scf.parallel
// CHECK: arith.mulf %{{.*}}, %{{.*}} : vector<
#x = affine_map<(n, o, i) -> (n, i)>
#w = affine_map<(n, o, i) -> (o, i)>
#y = affine_map<(n, o, i) -> (n, o)>
#id = affine_map<(n, o) -> (n, o)>
func.func @overlapping_consumer(%w: memref<16x64xf32>, %y: memref<64x16xf32>) {
  %c0 = arith.constant 0 : index
  %workspace = memref.get_global @workspace : memref<16384xi8>
  %a = memref.view %workspace[%c0][] : memref<16384xi8> to memref<64x64xf32>
  %out = memref.view %workspace[%c0][] : memref<16384xi8> to memref<64x16xf32>
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %w : memref<64x64xf32>, memref<16x64xf32>) outs(%y : memref<64x16xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : memref<64x16xf32>) outs(%out : memref<64x16xf32>) {
  ^bb0(%p: f32, %o: f32):
    %m = arith.mulf %p, %p : f32
    linalg.yield %m : f32
  }
  return
}
memref.global "private" @workspace : memref<16384xi8>

// -----

// Tests that a consumer writing in place over the reduction's own input (the
// same buffer, which other tiles still read) is not fused either.
// CHECK-LABEL: func.func @consumer_overwrites_input
// CHECK: scf.parallel
// CHECK: vector.reduction
// CHECK: memref.store
// CHECK: scf.parallel
// CHECK: arith.mulf %{{.*}}, %{{.*}} : vector<
#x = affine_map<(n, o, i) -> (n, i)>
#w = affine_map<(n, o, i) -> (o, i)>
#y = affine_map<(n, o, i) -> (n, o)>
#id = affine_map<(n, o) -> (n, o)>
func.func @consumer_overwrites_input(%x: memref<64x64xf32>, %w: memref<64x64xf32>, %y: memref<64x64xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<64x64xf32>, memref<64x64xf32>) outs(%y : memref<64x64xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : memref<64x64xf32>) outs(%x : memref<64x64xf32>) {
  ^bb0(%p: f32, %o: f32):
    %m = arith.mulf %p, %p : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Tests a window maximum of stride 2 (a 2x2 max pooling): the input is read along
// the vectorized x at 2 * x + j, so each tile of 14 outputs loads the 27 elements
// from its first to its last (32 lanes, masked) and shuffles out every other one.
// Tiles of such loads are one register wide.
// CHECK-LABEL: func.func @window_maximum
// CHECK-DAG: %[[LOWEST:.*]] = arith.constant dense<0xFF800000> : vector<16xf32>
// CHECK: scf.for %[[I:.*]] = %c0 to %c2 step %c1 iter_args(%[[FIRST:[a-z0-9_]*]] = %[[LOWEST]],
// CHECK: scf.for %[[J:.*]] = %c0 to %c2 step %c1 iter_args(%[[ACC:[a-z0-9_]*]] = %[[FIRST]],
// CHECK: %[[MASK:.*]] = vector.constant_mask [27] : vector<32xi1>
// CHECK: %[[ROW:.*]] = vector.maskedload %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[J]]], %[[MASK]], %{{.*}} : memref<8x6x28x28xf32>, vector<32xi1>, vector<32xf32> into vector<32xf32>
// CHECK: %[[EVERY_OTHER:.*]] = vector.shuffle %[[ROW]], %[[ROW]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30] : vector<32xf32>, vector<32xf32>
// CHECK: arith.maximumf %[[ACC]], %[[EVERY_OTHER]] : vector<16xf32>
// CHECK: vector.maskedstore %{{.*}} : memref<8x6x14x14xf32>, vector<16xi1>, vector<16xf32>
// CHECK-NOT: linalg.generic
#input = affine_map<(n, c, y, x, i, j) -> (n, c, y * 2 + i, x * 2 + j)>
#window = affine_map<(n, c, y, x, i, j) -> (i, j)>
#pooled = affine_map<(n, c, y, x, i, j) -> (n, c, y, x)>
func.func @window_maximum(%input: memref<8x6x28x28xf32>, %window: memref<2x2xf32>, %output: memref<8x6x14x14xf32>) {
  %lowest = arith.constant 0xFF800000 : f32
  linalg.fill ins(%lowest : f32) outs(%output : memref<8x6x14x14xf32>)
  linalg.generic {indexing_maps = [#input, #window, #pooled], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%input, %window : memref<8x6x28x28xf32>, memref<2x2xf32>) outs(%output : memref<8x6x14x14xf32>) {
  ^bb0(%x: f32, %unused: f32, %acc: f32):
    %m = arith.maximumf %acc, %x : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Tests the gather of a 2x2 max pooling's adjoint: along the vectorized x, the
// gradient and the first maxima's offsets are read at x floordiv 2, so a tile of 16
// lanes loads 8 elements and repeats each twice; the tail tile of 12 lanes loads 6
// (masked). The column offsets are contiguous, the row offset a scalar.
// CHECK-LABEL: func.func @spread_to_windows
// CHECK: scf.parallel
// CHECK: %[[G:.*]] = vector.load %arg0[%{{.*}}, %{{.*}}, %{{.*}}, %c0] : memref<8x6x14x14xf32>, vector<8xf32>
// CHECK-NEXT: %[[G2:.*]] = vector.shuffle %[[G]], %[[G]] [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7] : vector<8xf32>, vector<8xf32>
// CHECK: %[[R:.*]] = memref.load %arg2
// CHECK: %[[C:.*]] = vector.load %arg3[%c0, %c0] : memref<1x28xf32>, vector<16xf32>
// CHECK: vector.store %{{.*}}, %arg4[%{{.*}}, %{{.*}}, %{{.*}}, %c0] : memref<8x6x28x28xf32>, vector<16xf32>
// CHECK: scf.parallel
// CHECK: %[[TAIL_MASK:.*]] = vector.constant_mask [6] : vector<8xi1>
// CHECK: %[[TAIL:.*]] = vector.maskedload %arg0[%{{.*}}, %{{.*}}, %{{.*}}, %c8], %[[TAIL_MASK]]
// CHECK-NEXT: vector.shuffle %[[TAIL]], %[[TAIL]] [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7] : vector<8xf32>, vector<8xf32>
// CHECK: vector.maskedstore %arg4[%{{.*}}, %{{.*}}, %{{.*}}, %c16]
// CHECK-NOT: linalg.generic
#window = affine_map<(n, c, y, x) -> (n, c, y floordiv 2, x floordiv 2)>
#rows = affine_map<(n, c, y, x) -> (0, y)>
#columns = affine_map<(n, c, y, x) -> (0, x)>
#position = affine_map<(n, c, y, x) -> (n, c, y, x)>
func.func @spread_to_windows(%gradient: memref<8x6x14x14xf32>, %first: memref<8x6x14x14xf32>, %rowOffsets: memref<1x28xf32>, %columnOffsets: memref<1x28xf32>, %result: memref<8x6x28x28xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#window, #window, #rows, #columns, #position], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%gradient, %first, %rowOffsets, %columnOffsets : memref<8x6x14x14xf32>, memref<8x6x14x14xf32>, memref<1x28xf32>, memref<1x28xf32>) outs(%result : memref<8x6x28x28xf32>) {
  ^bb0(%g: f32, %f: f32, %r: f32, %c: f32, %out: f32):
    %offset = arith.addf %r, %c : f32
    %is = arith.cmpf oeq, %offset, %f : f32
    %term = arith.select %is, %g, %zero : f32
    linalg.yield %term : f32
  }
  return
}

// -----

// Tests the block choice counting tail tiles (LeNet's conv2 channels-last, in small): 16
// accumulators as 2 images by 8 rows would leave a tail of 2 rows run with 4 accumulators,
// bound by the FMA latency; 8 images by 2 rows divide both extents, so there is one nest.
// CHECK-LABEL: func.func @rows_without_tail
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c10) step (%c2) {
// CHECK: scf.for %{{.*}} = %c0 to %c5 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-NOT: scf.parallel
// CHECK: return
#x = affine_map<(n, y, o, k) -> (n, y + k)>
#w = affine_map<(n, y, o, k) -> (k, o)>
#out = affine_map<(n, y, o, k) -> (n, y, o)>
func.func @rows_without_tail(%x: memref<8x14xf32>, %w: memref<5x16xf32>, %out: memref<8x10x16xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #out], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<8x14xf32>, memref<5x16xf32>) outs(%out : memref<8x10x16xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}
