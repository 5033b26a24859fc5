# expect: TFL107
import pandas as pd
import tensorflow as tf

load = pd.read_csv("grid_load.csv")
load["delta"] = load["mw"].diff()
load["lag_24"] = load["mw"].shift(24)
load = load.dropna()
train = load.sample(frac=0.8, random_state=0)
test = load.drop(train.index)
model = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(train[["delta", "lag_24"]], train["mw"], epochs=5, validation_split=0.1)
model.evaluate(test[["delta", "lag_24"]], test["mw"])
