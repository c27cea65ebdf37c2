package io.beamline.trainer;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The update step, written here rather than taken from tensorflow-framework's optimizers because
 * their graph is racy with reference variables: Adam's beta-power update has no control dependency
 * on the ApplyAdam ops that read it, and no apply waits for the backward pass that still reads the
 * weights. Runs then differ in the last bits and training is not reproducible. Here every apply
 * waits for all gradients, and the beta powers advance only after every apply.
 */
final class TrainStep {
  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.999f;
  static final float EPSILON = 1e-7f;

  private TrainStep() {}

  static Op minimize(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, TrainerParameters p) {
    Ops t = tf.withSubScope("train");
    Gradients gradients = t.gradients(loss, variables);
    List<Op> gradientOps = new ArrayList<>();
    for (Output<?> dy : gradients.dy()) {
      gradientOps.add(t.identity(dy));
    }
    Ops after = t.withControlDependencies(gradientOps);
    Operand<TFloat32> rate = t.constant((float) p.learningRate());
    List<Op> applies = new ArrayList<>();
    if (p.optimizer() == OptimizerType.SGD) {
      for (int i = 0; i < variables.size(); i++) {
        applies.add(after.train.applyGradientDescent(variables.get(i), rate, gradients.<TFloat32>dy(i)));
      }
      return t.withControlDependencies(applies).withName("step").noOp();
    }
    Variable<TFloat32> beta1Power = tf.withName("adam_beta1_power").variable(tf.constant(BETA1));
    Variable<TFloat32> beta2Power = tf.withName("adam_beta2_power").variable(tf.constant(BETA2));
    Operand<TFloat32> beta1 = t.constant(BETA1);
    Operand<TFloat32> beta2 = t.constant(BETA2);
    Operand<TFloat32> epsilon = t.constant(EPSILON);
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> v = variables.get(i);
      String name = v.op().name();
      // Slots in the root scope with flat names, initialized from constants only (an initializer that
      // read the variable itself could run before the variable's own initializer).
      Operand<TFloat32> zeros = tf.fill(tf.constant(v.shape().asArray()), tf.constant(0f));
      Variable<TFloat32> m = tf.withName(name + "_adam_m").variable(zeros);
      Variable<TFloat32> s = tf.withName(name + "_adam_v").variable(zeros);
      applies.add(after.train.applyAdam(v, m, s, beta1Power, beta2Power, rate, beta1, beta2, epsilon,
          gradients.<TFloat32>dy(i)));
    }
    Ops done = t.withControlDependencies(applies);
    Op advance1 = done.assign(beta1Power, done.math.mul(beta1Power, beta1));
    Op advance2 = done.assign(beta2Power, done.math.mul(beta2Power, beta2));
    return t.withControlDependencies(List.of(advance1, advance2)).withName("step").noOp();
  }
}
