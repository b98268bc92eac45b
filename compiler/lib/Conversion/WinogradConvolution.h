//===- WinogradConvolution.h - 3x3 convolutions by Winograd's F(4x4, 3x3) --===//

#ifndef DLM_LIB_CONVERSION_WINOGRADCONVOLUTION_H
#define DLM_LIB_CONVERSION_WINOGRADCONVOLUTION_H

#include "mlir/IR/Builders.h"

namespace mlir::dlm::lowering {

/// Whether a stride-1, undilated, ungrouped 3x3 convolution of f32 `input` [N, C, H, W] into
/// `result` [N, O, P, Q] pays as F(4x4, 3x3) Winograd (see the .cpp for the measurements).
bool paysWinograd(RankedTensorType input, RankedTensorType result);

/// result[n, o, p, q] = sum_{c, i, j} x[n, c, p + i - pad[0], q + j - pad[1]] * w[o, c, i, j], with
/// x zero outside its bounds, computed one image at a time (on parallel threads) as F(4x4, 3x3)
/// Winograd: each 4x4 output tile from a 6x6 input tile with 36 products per input channel
/// instead of 144. With `inputGradient`, `filter` is read flipped and with its channels swapped,
/// w[c, o, 2 - i, 2 - j]: the input gradient of a stride-1 convolution is that convolution of
/// the output gradient, padded by 2 - pad.
Value winogradConvolution(OpBuilder &b, Location loc, Value input, Value filter, llvm::ArrayRef<int64_t> pad,
                          bool inputGradient, RankedTensorType resultType);

} // namespace mlir::dlm::lowering

#endif // DLM_LIB_CONVERSION_WINOGRADCONVOLUTION_H
