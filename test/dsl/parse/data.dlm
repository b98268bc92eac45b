// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests data declarations: splits with positional and keyword source arguments, and a sample
// method with typed raw fields and named results that uses 'training'.

data cifar {
  train = npy("x-train.npy", "y-train.npy")
  test = csv("test.csv", label = "y")
  sample(image: u8[32, 32, 3], label: i64) -> (x: f32[3, 32, 32], y: i32) {
    img = transpose(f32(image), [2, 0, 1]) / 255
    if training {
      img = img[:, :, ::-1]
    }
    return img, i32(label)
  }
}

// CHECK:Module "{{.*}}data.dlm"
// CHECK-NEXT:  Data cifar @5:1
// CHECK-NEXT:    Assign train @6:3
// CHECK-NEXT:      value: Call @6:11
// CHECK-NEXT:        Name npy @6:11
// CHECK-NEXT:        String "x-train.npy" @6:15
// CHECK-NEXT:        String "y-train.npy" @6:30
// CHECK-NEXT:    Assign test @7:3
// CHECK-NEXT:      value: Call @7:10
// CHECK-NEXT:        Name csv @7:10
// CHECK-NEXT:        String "test.csv" @7:14
// CHECK-NEXT:        Keyword label @7:26
// CHECK-NEXT:          String "y" @7:34
// CHECK-NEXT:    Method sample @8:3
// CHECK-NEXT:      Parameter image @8:10
// CHECK-NEXT:        type: Type u8[3 dims] @8:17
// CHECK-NEXT:          Integer 32 @8:20
// CHECK-NEXT:          Integer 32 @8:24
// CHECK-NEXT:          Integer 3 @8:28
// CHECK-NEXT:      Parameter label @8:32
// CHECK-NEXT:        type: Type i64 @8:39
// CHECK-NEXT:      Result x @8:48
// CHECK-NEXT:        type: Type f32[3 dims] @8:51
// CHECK-NEXT:          Integer 3 @8:55
// CHECK-NEXT:          Integer 32 @8:58
// CHECK-NEXT:          Integer 32 @8:62
// CHECK-NEXT:      Result y @8:67
// CHECK-NEXT:        type: Type i32 @8:70
// CHECK-NEXT:      Assign img @9:5
// CHECK-NEXT:        value: Binary / @9:44
// CHECK-NEXT:          Call @9:11
// CHECK-NEXT:            Name transpose @9:11
// CHECK-NEXT:            Call @9:21
// CHECK-NEXT:              Name f32 @9:21
// CHECK-NEXT:              Name image @9:25
// CHECK-NEXT:            List @9:33
// CHECK-NEXT:              Integer 2 @9:34
// CHECK-NEXT:              Integer 0 @9:37
// CHECK-NEXT:              Integer 1 @9:40
// CHECK-NEXT:          Integer 255 @9:46
// CHECK-NEXT:      If @10:5
// CHECK-NEXT:        condition: Name training @10:8
// CHECK-NEXT:        Assign img @11:7
// CHECK-NEXT:          value: Subscript @11:16
// CHECK-NEXT:            Name img @11:13
// CHECK-NEXT:            Slice @11:17
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:            Slice @11:20
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:            Slice @11:23
// CHECK-NEXT:              <none>
// CHECK-NEXT:              <none>
// CHECK-NEXT:              Unary - @11:25
// CHECK-NEXT:                Integer 1 @11:26
// CHECK-NEXT:      Return @13:5
// CHECK-NEXT:        Name img @13:12
// CHECK-NEXT:        Call @13:17
// CHECK-NEXT:          Name i32 @13:17
// CHECK-NEXT:          Name label @13:21
// CHECK-NOT:{{.}}
