#!/usr/bin/env bash
# One device check: time to verdict of `tflint probe` on the GPU and on the CPU
# of the same machine, side by side (bench/probe_bench.py, median of 3).
#
# The device machines here have JAX with CUDA but no TensorFlow, cannot reach a
# package index, and TensorFlow's wheels (hundreds of MB plus the CUDA 12
# libraries) are far over what a call can carry. So this runs Keras 3 on its
# JAX backend: carry the Keras wheels in .whl/ (see the device README):
#
#   echo /.whl/ >> .git/info/exclude
#   python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
#       --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
#       --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
#       -d .whl keras==3.15.1 namex==0.1.0 optree==0.20.0
#
# On a machine that has TensorFlow (pip install '.[probe]'), run with
# KERAS_BACKEND=tensorflow and no .whl/; fixtures that import tensorflow are
# then included too.
set -u
OUT=${OUT:-/tmp/probe_gpu_out}
mkdir -p "$OUT"
BACKEND=${KERAS_BACKEND:-jax}
if [ "$BACKEND" = jax ] && ls .whl/*.whl >/dev/null 2>&1; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
    export PYTHONPATH=/tmp/site
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" KERAS_BACKEND=$BACKEND TF_CPP_MIN_LOG_LEVEL=2 PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
python3 -c "import keras; print('keras', keras.__version__, keras.backend.backend())" || exit 1
FIXTURES=${FIXTURES:-"healthy_mlp healthy_cnn healthy_subclassed huge_lr dead_relu deep_sigmoid"}
REPEAT=${REPEAT:-3}
for device in gpu cpu; do
    echo "== --device $device" | tee -a "$OUT/gpu.txt"
    python3 bench/probe_bench.py --device "$device" --repeat "$REPEAT" --only $FIXTURES \
        --json "$OUT/bench_$device.json" 2>&1 | tee -a "$OUT/gpu.txt"
done
