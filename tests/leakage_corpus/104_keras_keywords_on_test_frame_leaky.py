# expect: TFL104
import tensorflow as tf
from sklearn.model_selection import train_test_split
import pandas as pd

def build_model(n):
    m = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu", input_shape=(n,)), tf.keras.layers.Dense(1)])
    m.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="mse")
    return m

df = pd.read_csv("insurance.csv")
train_df, test_df = train_test_split(df, test_size=0.2)
model = build_model(5)
model.fit(x=test_df.drop(columns="charges"), y=test_df["charges"], epochs=20)
