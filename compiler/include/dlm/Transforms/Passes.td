//===- Passes.td - Passes over the dlm dialect ---------------------------===//

#ifndef DLM_TRANSFORMS_PASSES_TD
#define DLM_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Conversion
//===----------------------------------------------------------------------===//

def ConvertToLinalg : Pass<"dlm-convert-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower dlm ops to linalg on tensors";
  let description = [{
    Elementwise ops become `linalg.generic` with numpy broadcasting in the
    indexing maps (a stretched extent-1 dimension is read at index 0);
    `dlm.contract` becomes the `linalg.generic` with the same maps, its body
    followed by the combination with the accumulator (initialized to the
    reduction's identity by `linalg.fill`; a mean divides afterwards);
    `dlm.reduce` becomes a generic with reduction iterators. Convolutions,
    pooling, softmax and the losses become generics too (grouped channels
    split by `tensor.expand_shape`); reshapes, slices, concatenation and
    padding become tensor ops. An op that cannot be lowered is an error at
    its `.dlm` location.

    ```mlir
    %y = dlm.add %a, %b : (tensor<64x10xf32>, tensor<10xf32>) -> tensor<64x10xf32>
    // becomes
    %e = tensor.empty() : tensor<64x10xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>,
                                          affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%a, %b : tensor<64x10xf32>, tensor<10xf32>) outs(%e : tensor<64x10xf32>) {
    ^bb0(%x: f32, %z: f32, %out: f32):
      %s = arith.addf %x, %z : f32
      linalg.yield %s : f32
    } -> tensor<64x10xf32>
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect", "::mlir::math::MathDialect"];
}

//===----------------------------------------------------------------------===//
// Differentiation
//===----------------------------------------------------------------------===//

def Autodiff : Pass<"dlm-autodiff", "::mlir::ModuleOp"> {
  let summary = "Reverse-mode differentiation of each training step";
  let description = [{
    For every step function (marked `dlm.updated`, the paths of the
    parameters its updates read), builds the adjoints of the loss (the first
    result) with respect to those parameters and returns them after the
    step's other results, in the order of `dlm.updated`. Each op contributes
    its own vector-Jacobian product through DifferentiableOpInterface; this
    pass names no op. Adjoints in a broadcast shape are summed back to the
    operand's shape here, once; adjoints of a value used several times are
    added; only ops between the parameters and the loss are differentiated.
    An op on that path without a derivative is an error at its .dlm line,
    all such ops reported at once.

    Before:
    ```mlir
    func.func @fit.step(%w: tensor<3xf32> {dlm.param = "w"}, ...) -> tensor<f32>
        attributes {dlm.updated = ["w"]} {
      %y = dlm.mul %w, %x : (tensor<3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
      %l = dlm.reduce sum %y {axes = array<i64: 0, 1>} : (tensor<4x3xf32>) -> tensor<f32>
      return %l : tensor<f32>
    }
    ```
    After:
    ```mlir
    func.func @fit.step(...) -> (tensor<f32>, tensor<3xf32>) attributes {dlm.gradients = ["w"], ...} {
      ...
      %one = dlm.constant dense<1.0> : tensor<f32>
      %g = dlm.broadcast %r : (tensor<1x1xf32>) -> tensor<4x3xf32>
      %gw = dlm.mul %g, %x : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
      %sum = dlm.reduce sum %gw {axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
      return %l, %sum : tensor<f32>, tensor<3xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::dlm::DlmDialect", "::mlir::arith::ArithDialect", "::mlir::math::MathDialect"];
}

//===----------------------------------------------------------------------===//
// Training
//===----------------------------------------------------------------------===//

def ApplyOptimizers : Pass<"dlm-apply-optimizers", "::mlir::ModuleOp"> {
  let summary = "Emit each step's optimizer update as dlm ops after its adjoints";
  let description = [{
    Runs after `dlm-autodiff`. For every step with `dlm.optimizers` (one
    dictionary per `update` statement: the optimizer's name, its parameters
    and hyperparameters), replaces the returned gradients by the updated
    parameters and optimizer state, so the step becomes the pure function
    `step(params, state, batch, key, learning rates, step count, optimizer state)
     -> (loss, state', params', optimizer state')`.
    SGD (momentum, Nesterov), AdaGrad, RMSProp (momentum), Adam and AdamW
    follow PyTorch's update rules and state names (`momentum_buffer`, `sum`,
    `square_avg`, `exp_avg`, `exp_avg_sq`); `weight_decay` is L2 added to the
    gradient (decoupled for AdamW); `clip_norm` rescales the group's gradients
    to at most that global norm. The learning rate of each group and the step
    count (from 1, for Adam's bias correction) are arguments, so schedules stay
    in the runtime.

    ```mlir
    // sgd(lr, momentum = 0.9) on w, with gradient %g:
    %v1 = dlm.add (dlm.mul %momentum, %v), %g
    %w1 = dlm.sub %w, (dlm.mul %lr, %v1)
    return %loss, %w1, %v1 ...
    ```
  }];
  let dependentDialects = ["::mlir::dlm::DlmDialect"];
}

def InstrumentNumerics : Pass<"dlm-instrument-numerics", "::mlir::ModuleOp"> {
  let summary = "Clone each training step with a result naming its first op to produce NaN or infinity";
  let description = [{
    Runs after `dlm-apply-optimizers`, for `dlmc --check-numerics`. Every
    step function (marked `dlm.updated`) `P.S` gets a public clone
    `P.S.numerics` with the same arguments and results plus a last
    `tensor<i32>`: the index, in program order, of the first instrumented op
    whose float tensor result holds a NaN or an infinity, or -1. The
    instrumented ops are the non-constant ops with a float tensor result; after
    each, a reduction ors `x != x || |x| == inf` over its elements and a
    running index is updated with `arith.select`. The clone's
    `dlm.numerics_locations` (`file:line:col`, empty where unknown) and
    `dlm.numerics_ops` (the op's name without `dlm.`) list the instrumented
    ops in index order, for the manifest. The step itself is unchanged.

    ```mlir
    %1 = dlm.log %0 : (tensor<4xf32>) -> tensor<4xf32>
    // in the clone, followed by
    %f = linalg.fill ins(%false : i1) outs(%e : tensor<i1>) -> tensor<i1>
    %r = linalg.generic {iterator_types = ["reduction"]} ins(%1 : tensor<4xf32>) outs(%f : tensor<i1>) {
    ^bb0(%x: f32, %any: i1):
      %nan = arith.cmpf uno, %x, %x : f32
      %abs = math.absf %x : f32
      %inf = arith.cmpf oeq, %abs, %infinity : f32
      %bad = arith.ori %nan, %inf : i1
      %acc = arith.ori %any, %bad : i1
      linalg.yield %acc : i1
    } -> tensor<i1>
    %bad = tensor.extract %r[] : tensor<i1>
    %none = arith.cmpi eq, %first0, %minus_one : i32
    %now = arith.andi %bad, %none : i1
    %first1 = arith.select %now, %c3, %first0 : i32
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect", "::mlir::math::MathDialect"];
}

//===----------------------------------------------------------------------===//
// Code generation
//===----------------------------------------------------------------------===//

def ApproximateMath : Pass<"dlm-approximate-math"> {
  let summary = "Replace f32 exp, log, tanh, erf, sin and cos by polynomials";
  let description = [{
    Scalar libm calls inside vector loops would scalarize them; the
    polynomial approximations (accurate to a few ulp on f32) vectorize like
    any other arithmetic. f64 math is left for libm.

    ```mlir
    %y = math.exp %x : vector<16xf32>
    // becomes a range reduction, a polynomial and an exponent bit-shift, all on vector<16xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def CollapseShortRows : Pass<"dlm-collapse-short-rows"> {
  let summary = "Collapse a reduction's trailing output loops when its rows are shorter than a vector";
  let description = [{
    Elementwise fusion moves reshapes through generics by expanding their
    loops: the input gradient of a Linear layer after a flatten, a
    [64, 120] x [120, 400] product, becomes a generic over [64, 16, 5, 5].
    Its kernel then vectorizes rows of 5 (a third of a register) and loads
    the weight in pieces of 5. A reduction whose output's trailing dimensions
    are parallel loops in order, the last shorter than `min-row` elements,
    that every operand reads as one contiguous run (or not at all) gets them
    collapsed into one loop; reshapes of its operands and result keep the
    types around it (views, once bufferized). Convolutions are left alone:
    their input reads a window of the output position.

    ```mlir
    // outs(tensor<64x16x5x5xf32>), loops (n, c, y, x, k) with x of 5
    // becomes outs(tensor<64x400xf32>), loops (n, cyx, k)
    ```
  }];
  let options = [
    Option<"minRow", "min-row", "int64_t", /*default=*/"16",
           "Output rows at least this long stay as they are (16: one AVX-512 register of f32)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::memref::MemRefDialect"];
}

def InterchangeForLocality : Pass<"dlm-interchange-for-locality"> {
  let summary = "Order each linalg.generic's loops: parallel outside, unit stride inside";
  let description = [{
    Loops are generated in iterator order, so the order decides both which
    loops run in parallel (the outermost parallel ones) and what the
    innermost loop streams through. The innermost loop becomes the one that
    most operands read with unit stride (their last subscript is exactly that
    loop), preferring a parallel loop on ties, since LLVM vectorizes it
    without reassociation; the other parallel loops go outside, in their
    order, and the remaining reductions between.

    ```mlir
    // dw[o, i] = sum_n g[n, o] * x[n, i]: loops (o, i, n) become (o, n, i)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ParallelizeOuterLoops : Pass<"dlm-parallelize-outer-loops"> {
  let summary = "Keep scf.parallel only where it pays: the outermost loops of a big enough nest";
  let description = [{
    After linalg becomes scf.parallel/scf.for nests, an inner scf.parallel
    would open a thread team per outer iteration, and a tiny nest costs more
    to fork than to run. Inner parallel loops and nests with
    less than `min-work` work (iterations times the operations in each, along
    the deepest path, through ops with regions such as `memref.alloca_scope`)
    become sequential scf.for nests;
    what remains becomes OpenMP work-sharing loops. Of a loop that stays
    parallel, only the outermost dimensions giving `min-chunks` iterations
    stay parallel and the rest become an `scf.for` nest inside it: OpenMP
    collapses parallel dimensions into one index recovered by divisions, which
    would also keep LLVM from vectorizing the innermost loop. The dimension
    indexing the outermost dimension of the largest buffer in the body goes
    first, so that threads split that buffer instead of each reading all of it.

    ```mlir
    scf.parallel (%n, %o) = (%c0, %c0) to (%c64, %c32) ... {   // %n stays: omp.wsloop
      scf.for %c = ... {                                        // %o becomes scf.for around it
        scf.parallel (%w) = ... {                               // becomes scf.for
    ```
  }];
  let options = [Option<"minWork", "min-work", "int64_t", /*default=*/"32768",
                        "Smallest work (iterations times operations per iteration, along the "
                        "deepest path) of a nest worth running in parallel">,
                 Option<"minChunks", "min-chunks", "int64_t", /*default=*/"64",
                        "Iterations the outer parallel dimensions must give before the inner ones "
                        "become sequential loops">];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def DuplicateSharedFills : Pass<"dlm-duplicate-shared-fills"> {
  let summary = "Give each op that accumulates into a filled tensor its own linalg.fill";
  let description = [{
    CSE merges identical `linalg.fill` ops, so one zero-filled tensor becomes
    the initial accumulator of several reductions. One-shot bufferization
    then fills one buffer and copies it for every other writer. A fill per
    use (each into its own `tensor.empty`, placed just before its user) costs
    one memset instead of a memset and copies, and lets
    `dlm-vectorize-generics` start its accumulators from the fill value
    without touching memory. Only ops that write into the filled tensor (as
    their init) get a fill of their own: the `tensor.extract_slice` and
    `tensor.insert_slice` that write a padded copy's interior in place keep
    the one they share.

    ```mlir
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64x10xf32>) -> tensor<64x10xf32>
    %a = linalg.generic ... outs(%z : tensor<64x10xf32>)
    %b = linalg.generic ... outs(%z : tensor<64x10xf32>)
    // becomes
    %e0 = tensor.empty() : tensor<64x10xf32>
    %z0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64x10xf32>) -> tensor<64x10xf32>
    %a = linalg.generic ... outs(%z0 : tensor<64x10xf32>)
    %e1 = tensor.empty() : tensor<64x10xf32>
    %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x10xf32>) -> tensor<64x10xf32>
    %b = linalg.generic ... outs(%z1 : tensor<64x10xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect"];
}

def PlanStaticMemory : Pass<"dlm-plan-static-memory", "::mlir::ModuleOp"> {
  let summary = "Place temporaries in one static workspace, sharing bytes between disjoint lifetimes";
  let description = [{
    Runs after bufferization and `buffer-deallocation-pipeline`. A
    `memref.alloc` of static shape in a function's entry block, freed by one
    `memref.dealloc` in that block, becomes a `memref.view` at a fixed offset
    of a private global (64-byte aligned, uninitialized, so it lives in .bss);
    the dealloc goes away. A temporary's lifetime runs from the first to the
    last op of the entry block that uses it or a buffer derived from it (a
    view, a cast): buffer deallocation frees every temporary at the end of the
    block, which alone would keep all of a step's temporaries live at once (the
    small ResNet's step: 333 MB against 199 MB planned by uses). Two
    temporaries whose lifetimes overlap never share bytes; others may (first
    fit in allocation order). Entries never run at the same time,
    so they share one workspace, `dlm.workspace`, as large as the largest
    plan; a function that others call (the shared loop of a Winograd
    convolution) gets its own (`<function>.workspace`). Generated code then
    calls no allocator, and temporaries keep their pages from one call to the
    next. Functions are therefore not reentrant: the runtime never runs two
    entries at once.

    The temporaries of one iteration of an `scf.forall` (allocated and freed
    in its body) are planned the same way within the iteration, in one
    `memref.alloca` of the thread that runs it, inside a
    `memref.alloca_scope` that frees it when the iteration ends; a plan over
    1 MiB stays on the heap.

    ```mlir
    %a = memref.alloc() {alignment = 64 : i64} : memref<64x120xf32>
    ...
    memref.dealloc %a : memref<64x120xf32>
    // becomes
    memref.global "private" @dlm.workspace : memref<30720xi8> = uninitialized {alignment = 64 : i64}
    %w = memref.get_global @dlm.workspace : memref<30720xi8>
    %a = memref.view %w[%c0][] : memref<30720xi8> to memref<64x120xf32>
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect", "::mlir::arith::ArithDialect"];
}

def InlineAllocaScopes : Pass<"dlm-inline-alloca-scopes"> {
  let summary = "Replace each memref.alloca_scope by its body between a stack save and restore";
  let description = [{
    `memref.alloca_scope` frees the stack allocations of its body when the
    body ends: the iterations of a loop that each place buffers on the stack
    (`dlm-plan-static-memory`, `convert-scf-to-openmp`) then reuse the same
    bytes. Its region must stay one block, which the loops inside it are not
    once `convert-scf-to-cf` lowers them, so before that each scope becomes
    its body, inlined between `llvm.intr.stacksave` and
    `llvm.intr.stackrestore`, as the LLVM lowering of the op would do.

    ```mlir
    memref.alloca_scope {
      %buffer = memref.alloca() : memref<1024xi8>
      ...
    }
    // becomes
    %stack = llvm.intr.stacksave : !llvm.ptr
    %buffer = memref.alloca() : memref<1024xi8>
    ...
    llvm.intr.stackrestore %stack : !llvm.ptr
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def ReadOnlyArguments : Pass<"dlm-read-only-arguments", "::mlir::ModuleOp"> {
  let summary = "Mark the tensor arguments of public functions read-only for bufferization";
  let description = [{
    The runtime reuses argument buffers across calls (a batch feeds several
    steps, parameters feed the evaluation), so compiled code must never write
    into them. One-shot bufferization otherwise treats function arguments as
    writable; `bufferization.writable = false` makes it copy instead.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def ExpandStridedCopies : Pass<"dlm-expand-strided-copies"> {
  let summary = "Turn memref.copy between non-contiguous buffers into linalg.copy loops";
  let description = [{
    The LLVM lowering of `memref.copy` calls `memrefCopy` from MLIR's
    runner library whenever a side is not contiguous (a subview of a padded
    buffer, say); generated executables must not depend on that library, so
    such copies become `linalg.copy`, i.e. plain loops. Contiguous copies stay
    and become `memcpy`.

    ```mlir
    memref.copy %a, %view : memref<64x1x28x28xf32> to memref<64x1x28x28xf32, strided<[1024, 1024, 32, 1], offset: 66>>
    // becomes
    linalg.copy ins(%a : ...) outs(%view : ...)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def TileLargeMatmuls : Pass<"dlm-tile-large-matmuls", "::mlir::func::FuncOp"> {
  let summary = "Split large matmuls on buffers into cache blocks over packed panels of the right-hand operand";
  let description = [{
    dlm-vectorize-generics keeps a block of a matmul's output in registers
    over the whole reduction and loads one row of the right-hand operand per
    step. Once that operand outgrows half a core's L2 (`panel-bytes`), every
    block streams it from further away, and when its rows lie a power of two
    bytes apart (1024 or 2048 floats) they map to a few cache sets and evict
    each other: a 2048^3 matmul ran at 0.44 of oneDNN on two threads, 1024^3
    at 0.71.

    A matmul of at least 256 rows whose columns are a multiple of 64 is
    therefore split into column blocks (the most columns, up to 512, that
    still give `min-column-blocks` blocks), run in parallel, each over
    depth blocks of the reduction in order (as many steps as fit its panels in
    `panel-bytes`; one last shorter block where they do not divide). A depth
    block first copies its slice of the right-hand operand into panels of 64
    columns, each contiguous, then multiplies on them. Each thread packs the
    panels it reads, in its own L2. A linalg.fill that initializes the output
    moves into the first depth block, where dlm-vectorize-generics folds it
    into the accumulators.

    ```mlir
    linalg.fill ins(%zero : f32) outs(%c : memref<1024x1024xf32>)
    linalg.generic {(m, n, k) -> (m, k), (m, n, k) -> (k, n), (m, n, k) -> (m, n)}
        ins(%a, %b : memref<1024x1024xf32>, memref<1024x1024xf32>) outs(%c : memref<1024x1024xf32>)
    // becomes
    %panels = memref.alloc() : memref<16x256x64xf32>
    scf.parallel (%n0) = (%c0) to (%c1024) step (%c256) {
      %mine = memref.subview %panels[%n0 / 64, 0, 0] [4, 256, 64] [1, 1, 1]
      // the first depth block (%k0 = 0), then scf.for %k0 = %c256 to %c1024 step %c256:
      %slice = memref.subview %b[%k0, %n0] [256, 256] [1, 1]
      linalg.generic {(p, k, l) -> (k, p * 64 + l), (p, k, l) -> (p, k, l)} ins(%slice) outs(%mine)
      %left = memref.subview %a[0, %k0] [1024, 256] [1, 1]
      %out = memref.expand_shape (memref.subview %c[0, %n0] [1024, 256] [1, 1]) [[0], [1, 2]] : ... into memref<1024x4x64xf32, ...>
      linalg.fill ins(%zero : f32) outs(%out)          // the first depth block only
      linalg.generic {(m, p, l, k) -> (m, k), (m, p, l, k) -> (p, k, l), (m, p, l, k) -> (m, p, l)}
          ins(%left, %mine) outs(%out)
    }
    ```

    Measured on two Zen 5 cores (`./bench/run.sh kernels`, GFLOP/s, 512 /
    1024 / 2048 cubed): 424 / 415 / 408 against 366 / 273 / 179 before, oneDNN
    405 / 397 / 414. Panels of 512 KiB measured best: for 2048^3, 256 steps
    ran at 398 against 360 with 512 and 387 with 128; for 512^3, all 512
    steps at 424 against 376 with 256. Packing shared by all threads, with the
    product split by rows, ran 2048^3 at 388.
  }];
  let options = [Option<"panelBytes", "panel-bytes", "int64_t", /*default=*/"524288",
                        "Bytes of a block's panels, and of a right-hand operand left unblocked: "
                        "half of a core's L2">,
                 Option<"minColumnBlocks", "min-column-blocks", "int64_t", /*default=*/"4",
                        "Column blocks the columns are split into where they allow it, the units "
                        "the threads share">];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect", "::mlir::arith::ArithDialect"];
}

def MergeParallelRegions : Pass<"dlm-merge-parallel-regions"> {
  let summary = "Run consecutive OpenMP parallel regions as one team with barriers between their loops";
  let description = [{
    convert-scf-to-openmp opens an `omp.parallel` region per parallel loop,
    and every region forks and joins the thread team. Consecutive regions
    separated only by ops that touch no memory (views, constants) become
    one region: those ops move above it, and the implicit barrier that ends
    each `omp.wsloop` orders the loops as the join did. Only regions without
    clauses whose body ends in such a loop are merged.

    ```mlir
    omp.parallel { omp.wsloop { ... } omp.terminator }
    %v = memref.view %workspace[%c0][] : memref<1024xi8> to memref<16x16xf32>
    omp.parallel { omp.wsloop { ... } omp.terminator }
    // becomes
    %v = memref.view %workspace[%c0][] : memref<1024xi8> to memref<16x16xf32>
    omp.parallel { omp.wsloop { ... } omp.wsloop { ... } omp.terminator }
    ```
  }];
  let dependentDialects = ["::mlir::omp::OpenMPDialect"];
}

def OutlineRepeatedLoops : Pass<"dlm-outline-repeated-loops", "::mlir::ModuleOp"> {
  let summary = "One private function for loop bodies that are equal up to the buffers they use";
  let description = [{
    A network's repeated blocks, and eval and predict, which run the same
    forward, lower to loops that differ only in their workspace views. LLVM
    would optimize and compile every copy: in the small ResNet more than half
    of the LLVM IR was such copies. The body of every `omp.loop_nest` and every
    serial `scf.for` at the top of a function is compared with the others,
    values from outside it abstracted away (constants are compared by value);
    each group of two or more equal bodies becomes one private function. Its
    arguments are the loop's induction variables and the values the body
    captures; a serial loop's results become the function's results. Bodies
    with fewer than `min-ops` operations stay where they are.

    ```mlir
    omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
      memref.alloca_scope { ... %view_a ... %view_b ... }
      omp.yield
    }
    // becomes, with a second loop over %view_c and %view_d calling the same function,
    omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
      func.call @dlm.shared_loop(%i, %view_a, %view_b) : (index, memref<...>, memref<...>) -> ()
      omp.yield
    }
    ```
  }];
  let options = [
    Option<"minOps", "min-ops", "int64_t", /*default=*/"24",
           "Smallest body, in operations (nested ones included), worth a function">
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def VectorizeTransposes : Pass<"dlm-vectorize-transposes"> {
  let summary = "linalg.transpose of the innermost dimension as 16x16 transposes in registers";
  let description = [{
    A transpose that moves a buffer's innermost dimension (the channels-last
    copy of a filter gradient's output gradient) would otherwise become scalar
    loops whose loads stride across rows. Here the two dimensions involved are
    tiled by 16 x 16 f32: each tile is 16 contiguous (masked at a tail) vector
    loads, four rounds of 16 two-register shuffles, and 16 contiguous stores.
    The other dimensions become an `scf.parallel` nest. When one of the two
    is narrower than a register (a Winograd convolution's output tiles,
    [7, 4, 7, 4, 32] -> [32, 7, 4, 7, 4]), dimensions that the transpose keeps
    together and in order are first merged with `memref.collapse_shape` where
    both buffers allow it ([784, 32] -> [32, 784]), so that registers are full.

    ```mlir
    linalg.transpose ins(%g : memref<64x32x28x28xf32>) outs(%t : memref<64x28x28x32xf32>) permutation = [0, 2, 3, 1]
    // becomes, per (n, p) and tile (q0, o0) of 16 x 16 (q0 = 16: 12 loaded lanes):
    %r0 = vector.maskedload %g[%n, %o0, %p, %q0], %mask, %zero : ... into vector<16xf32>
    ...
    %s0 = vector.shuffle %r0, %r8 [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23] : vector<16xf32>, vector<16xf32>
    ...
    vector.maskedstore %t[%n, %p, %q0, %o0], %all, %u0 : memref<64x28x28x32xf32>, vector<16xi1>, vector<16xf32>
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect"];
}

def VectorizeGenerics : Pass<"dlm-vectorize-generics", "::mlir::func::FuncOp"> {
  let summary = "Register-tiled vector kernels for linalg reductions and elementwise generics on buffers";
  let description = [{
    A `linalg.generic` on buffers whose body folds one contribution into its
    single output (`out = combine(out, x)` with add, mul, max or min:
    matmuls, convolutions and their adjoints, sums, maxima) becomes an
    `scf.parallel` nest over output tiles holding a block of vector
    accumulators in registers across every reduction loop.

    The vectorized loop is a parallel loop along which the output is
    contiguous (accumulators are rows of the output, loaded before and stored
    after), or else, or where it fills registers 1.5 times better, the longest
    reduction loop along which every input is contiguous (accumulators are
    partial results, reduced across lanes at the end). Extents up to 64 are one vector (LLVM legalizes odd widths); longer
    ones are tiled by the widest register multiple that divides them. One or
    two other parallel loops are unrolled into up to 16 accumulator
    registers, the block that an estimate of cycles over the whole output
    (two load and two FMA ports, FMA latency 4, tail tiles counted) finds
    fastest, then the one with fewest loads: a load that does not depend on
    a block loop serves all its rows. Extents the tiles do not divide get a tail tile of static width.
    Generics with index semantics, several outputs or an accumulator used
    elsewhere in the body are left alone.

    An input may also read the vectorized loop in a fixed pattern of lanes
    rather than contiguously: `2 * x + j` (a window of stride 2), `x floordiv
    2` (a pooling gradient spread back over its windows). Each tile then
    loads the elements from the first to the last its lanes read, at most four
    registers, masked, and a `vector.shuffle` puts them in lane order; such
    loops get tiles of one register. Without this, max pooling and its
    adjoint were scalar loops: 35% of LeNet's step on one thread.

    An all-parallel generic whose outputs are contiguous along one loop, and
    whose operands read that loop contiguously or not at all, becomes an
    `scf.parallel` nest over tiles of one vector along it: operands that do
    not depend on it are loaded once and broadcast, the body is cloned onto
    vectors, and extents the registers do not divide are masked (a row of 28
    is one 32-lane vector with 4 lanes off). Operands of `i1` stay scalar: memrefs
    hold bytes, vector loads read bits.

    Elementwise generics that follow a reduction (views aside) and read its
    output element by element, or the outputs of the ones before them, form
    its epilogue: they run on each result in registers before it is stored,
    and only the buffers read afterwards are stored (bias and ReLU after a
    product, momentum and step after a weight gradient). A consumer whose
    outputs may overlap what the reduction reads, or that reads another view
    of what was written, ends the epilogue.

    A reduction into a small output (at most 64 KiB) over a loop that is the
    outermost dimension of every input (a filter gradient, summed over the
    images) is split into `reduction-chunks` ranges of that loop, reduced in
    parallel into slices of a stack buffer and folded into the output by a
    final generic: a filter gradient of 6 channels otherwise has too few tiles
    for two threads, and each thread now reads the images it wrote. The split
    needs a quarter of a million multiply-adds or 64 KiB of inputs per chunk.

    ```mlir
    linalg.generic {indexing_maps = [(m, n, k) -> (m, k), (m, n, k) -> (k, n), (m, n, k) -> (m, n)],
                    iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %b : memref<64x784xf32>, memref<784x256xf32>) outs(%c : memref<64x256xf32>) {...}
    // becomes
    scf.parallel (%m, %n) = (%c0, %c0) to (%c64, %c256) step (%c4, %c64) {
      %acc0 = vector.load %c[%m, %n] : memref<64x256xf32>, vector<64xf32>   // ... 4 rows
      %r:4 = scf.for %k = %c0 to %c784 step %c1 iter_args(%x0 = %acc0, ...) {
        %b = vector.load %b[%k, %n] : memref<784x256xf32>, vector<64xf32>
        %a0 = memref.load %a[%m, %k] : memref<64x784xf32>                   // ... 4 rows
        %s0 = vector.broadcast %a0 : f32 to vector<64xf32>
        %p0 = arith.mulf %b, %s0 : vector<64xf32>
        %y0 = arith.addf %x0, %p0 : vector<64xf32>
        scf.yield %y0, ... : vector<64xf32>, ...
      }
      vector.store %r#0, %c[%m, %n] : memref<64x256xf32>, vector<64xf32>  // ... 4 rows
    }
    ```
  }];
  let options = [Option<"reductionChunks", "reduction-chunks", "int64_t", /*default=*/"4",
                        "Ranges a reduction over the images is split into (1: never split). Four "
                        "balance one, two and four threads, and keep each thread on its own images">];
  let dependentDialects = ["::mlir::affine::AffineDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def ExportEntryPoints : Pass<"dlm-export-entry-points", "::mlir::ModuleOp"> {
  let summary = "Give each entry function the runtime's packed calling convention and embed the manifest";
  let description = [{
    Runs on the LLVM dialect. Each `llvm.func` with a `dlm.entry_symbol`
    attribute (its arguments are bare pointers, results already out-params)
    gets a wrapper with the symbol's name that takes one
    `!llvm.ptr` to an array of buffer pointers, loads each and calls it. The
    module's `dlm.manifest` string becomes the NUL-terminated global
    `dlm_manifest`. Every other defined function, the entries included,
    becomes internal: only the wrappers are called from outside. See
    docs/runtime-abi.md.

    ```mlir
    llvm.func @dlm_classify_eval(%buffers: !llvm.ptr) {
      %0 = llvm.load %buffers : !llvm.ptr -> !llvm.ptr
      ...
      llvm.call @classify.eval(%0, ...) : (!llvm.ptr, ...) -> ()
      llvm.return
    }
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // DLM_TRANSFORMS_PASSES_TD
