// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests train and eval programs: instances loaded 'from' a checkpoint, program params and consts,
// per-batch values, named steps (with and without options), loss, update of several paths with
// an optimizer whose lr is a nested schedule, an EMA rule, and metrics.

train gan on fashion(batch = 64, epochs = 20, seed = 1, shuffle = false) {
  teacher = LeNet() from "teacher.safetensors"
  G = Generator(64)
  param image: f32[1, 28, 28] = uniform(low = 0, high = 1)
  const temp = 4.0
  z = normal([B, 64])
  step critic {
    loss = bce_logits(D(x), 1)
    update D, G.fc1.weight with adam(lr = warmup(500, cosine(2e-4)), beta1 = 0.5)
  }
  step generator() {
    loss = -mean(D(G(z)))
    update G with sgd(lr = 0.1)
  }
  key <- 0.999 * key + 0.001 * G
  metric fake_score = mean(sigmoid(D(G(z))))
}
eval test on fashion(batch = 1000) {
  net = LeNet()
  metric accuracy = mean(f32(argmax(net(x)) == y))
}

// CHECK:Module "{{.*}}programs.dlm"
// CHECK-NEXT:  Program train gan on fashion @6:1
// CHECK-NEXT:    option: Keyword batch @6:22
// CHECK-NEXT:      Integer 64 @6:30
// CHECK-NEXT:    option: Keyword epochs @6:34
// CHECK-NEXT:      Integer 20 @6:43
// CHECK-NEXT:    option: Keyword seed @6:47
// CHECK-NEXT:      Integer 1 @6:54
// CHECK-NEXT:    option: Keyword shuffle @6:57
// CHECK-NEXT:      Bool false @6:67
// CHECK-NEXT:    Assign teacher from "teacher.safetensors" @7:3
// CHECK-NEXT:      value: Call @7:13
// CHECK-NEXT:        Name LeNet @7:13
// CHECK-NEXT:    Assign G @8:3
// CHECK-NEXT:      value: Call @8:7
// CHECK-NEXT:        Name Generator @8:7
// CHECK-NEXT:        Integer 64 @8:17
// CHECK-NEXT:    Param image @9:3
// CHECK-NEXT:      type: Type f32[3 dims] @9:16
// CHECK-NEXT:        Integer 1 @9:20
// CHECK-NEXT:        Integer 28 @9:23
// CHECK-NEXT:        Integer 28 @9:27
// CHECK-NEXT:      value: Call @9:33
// CHECK-NEXT:        Name uniform @9:33
// CHECK-NEXT:        Keyword low @9:41
// CHECK-NEXT:          Integer 0 @9:47
// CHECK-NEXT:        Keyword high @9:50
// CHECK-NEXT:          Integer 1 @9:57
// CHECK-NEXT:    Const temp @10:3
// CHECK-NEXT:      value: Float 4.0 @10:16
// CHECK-NEXT:    Assign z @11:3
// CHECK-NEXT:      value: Call @11:7
// CHECK-NEXT:        Name normal @11:7
// CHECK-NEXT:        List @11:14
// CHECK-NEXT:          Name B @11:15
// CHECK-NEXT:          Integer 64 @11:18
// CHECK-NEXT:    Step critic @12:3
// CHECK-NEXT:      Loss @13:5
// CHECK-NEXT:        value: Call @13:12
// CHECK-NEXT:          Name bce_logits @13:12
// CHECK-NEXT:          Call @13:23
// CHECK-NEXT:            Name D @13:23
// CHECK-NEXT:            Name x @13:25
// CHECK-NEXT:          Integer 1 @13:29
// CHECK-NEXT:      Update D, G.fc1.weight @14:5
// CHECK-NEXT:        value: Call @14:33
// CHECK-NEXT:          Name adam @14:33
// CHECK-NEXT:          Keyword lr @14:38
// CHECK-NEXT:            Call @14:43
// CHECK-NEXT:              Name warmup @14:43
// CHECK-NEXT:              Integer 500 @14:50
// CHECK-NEXT:              Call @14:55
// CHECK-NEXT:                Name cosine @14:55
// CHECK-NEXT:                Float 2e-4 @14:62
// CHECK-NEXT:          Keyword beta1 @14:70
// CHECK-NEXT:            Float 0.5 @14:78
// CHECK-NEXT:    Step generator @16:3
// CHECK-NEXT:      Loss @17:5
// CHECK-NEXT:        value: Unary - @17:12
// CHECK-NEXT:          Call @17:13
// CHECK-NEXT:            Name mean @17:13
// CHECK-NEXT:            Call @17:18
// CHECK-NEXT:              Name D @17:18
// CHECK-NEXT:              Call @17:20
// CHECK-NEXT:                Name G @17:20
// CHECK-NEXT:                Name z @17:22
// CHECK-NEXT:      Update G @18:5
// CHECK-NEXT:        value: Call @18:19
// CHECK-NEXT:          Name sgd @18:19
// CHECK-NEXT:          Keyword lr @18:23
// CHECK-NEXT:            Float 0.1 @18:28
// CHECK-NEXT:    StateUpdate key @20:3
// CHECK-NEXT:      value: Binary + @20:22
// CHECK-NEXT:        Binary * @20:16
// CHECK-NEXT:          Float 0.999 @20:10
// CHECK-NEXT:          Name key @20:18
// CHECK-NEXT:        Binary * @20:30
// CHECK-NEXT:          Float 0.001 @20:24
// CHECK-NEXT:          Name G @20:32
// CHECK-NEXT:    Metric fake_score @21:3
// CHECK-NEXT:      value: Call @21:23
// CHECK-NEXT:        Name mean @21:23
// CHECK-NEXT:        Call @21:28
// CHECK-NEXT:          Name sigmoid @21:28
// CHECK-NEXT:          Call @21:36
// CHECK-NEXT:            Name D @21:36
// CHECK-NEXT:            Call @21:38
// CHECK-NEXT:              Name G @21:38
// CHECK-NEXT:              Name z @21:40
// CHECK-NEXT:  Program eval test on fashion @23:1
// CHECK-NEXT:    option: Keyword batch @23:22
// CHECK-NEXT:      Integer 1000 @23:30
// CHECK-NEXT:    Assign net @24:3
// CHECK-NEXT:      value: Call @24:9
// CHECK-NEXT:        Name LeNet @24:9
// CHECK-NEXT:    Metric accuracy @25:3
// CHECK-NEXT:      value: Call @25:21
// CHECK-NEXT:        Name mean @25:21
// CHECK-NEXT:        Call @25:26
// CHECK-NEXT:          Name f32 @25:26
// CHECK-NEXT:          Binary == @25:45
// CHECK-NEXT:            Call @25:30
// CHECK-NEXT:              Name argmax @25:30
// CHECK-NEXT:              Call @25:37
// CHECK-NEXT:                Name net @25:37
// CHECK-NEXT:                Name x @25:41
// CHECK-NEXT:            Name y @25:48
// CHECK-NOT:{{.}}
